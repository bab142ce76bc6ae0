// The attempt launcher: the attempt timeout (cut to the call's remaining time, then reported as the outer
// bound), counted attempts, and the breaker only when one is configured.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import type { CallRun } from '../pipeline/call.js';
import { Outcome } from '../pipeline/Outcome.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { Interrupted } from '../timeout/runAttempt.js';
import { attemptLauncher } from './attemptTimeout.js';
import { BreakerStage } from './breaker.js';

function build(breaker: object | false) {
  const o = normalizeOptions('edna', {
    logger: false,
    breaker,
    timeout: { attemptMs: 100, totalMs: 1_000 },
  } as never);
  const t = new Telemetry('edna', undefined);
  const timeouts: string[] = [];
  t.onTimeout((e) => timeouts.push(`${e.kind}:${e.timeoutMs}`));
  const outcome = new Outcome(o, t);
  const stage = new BreakerStage('edna', o.breaker, () => true, t);
  const launch = attemptLauncher(o.attemptMs, new Error('abort'), outcome, t, stage);
  const call = (): CallRun => ({ interrupt: undefined, stopped: undefined, unlisten: undefined });
  return { launch, t, timeouts, stage, call };
}

const hang = () => new Promise<string>(() => {});

describe('attemptLauncher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('times an attempt out after attemptMs with a TransientError, and counts it', async () => {
    // Prepare
    const { launch, t, timeouts, call } = build(false);
    const now = Date.now();
    // Act
    const result = launch(hang, call(), 1, now, { endAt: now + 1_000, endKind: 'total', signals: undefined });
    const error = result.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    // Assert
    expect(await error).toBeInstanceOf(TransientError);
    expect(timeouts).toEqual(['attempt:100']);
    expect([t.attempts, t.timeouts]).toEqual([1, 1]);
  });

  it("cuts the attempt to the call's remaining time and reports the outer bound", async () => {
    // Prepare
    const { launch, timeouts, call } = build(false);
    const now = Date.now();
    // Act
    const error = launch(hang, call(), 1, now, {
      endAt: now + 40,
      endKind: 'deadline',
      signals: undefined,
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(40);
    // Assert
    expect(await error).toBeInstanceOf(Interrupted);
    expect(timeouts).toEqual(['deadline:40']);
  });

  it('passes the attempt number and the attempt deadline to fn', async () => {
    // Prepare
    const { launch, call } = build(false);
    const now = Date.now();
    // Act
    const seen = await launch(async (ctx) => ctx, call(), 3, now, {
      endAt: now + 1_000,
      endKind: 'total',
      signals: undefined,
    });
    // Assert
    expect(seen.attempt).toBe(3);
    expect(seen.deadline).toBe(now + 100);
    expect(seen.signal.aborted).toBe(false);
  });

  it('goes through the breaker when one is configured: an attempt timeout counts toward it', async () => {
    // Prepare
    const { launch, stage, call } = build({ threshold: 1 });
    const now = Date.now();
    // Act
    const error = launch(hang, call(), 1, now, {
      endAt: now + 1_000,
      endKind: 'total',
      signals: undefined,
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    await error;
    // Assert
    expect(stage.state()).toBe('open');
  });
});
