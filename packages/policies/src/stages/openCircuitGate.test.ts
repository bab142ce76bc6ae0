// The open-circuit gate: refuses while open (retryAfterMs = the time left, clamped), isolated, or
// half-open with every probe out; admits otherwise.
import { isDependencyDownError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Outcome } from '../pipeline/Outcome.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { BreakerStage } from './breaker.js';
import { OpenCircuitGate } from './openCircuitGate.js';

function build() {
  const o = normalizeOptions('edna', {
    breaker: { threshold: 1, halfOpenAfterMs: 8_000 },
    logger: false,
  } as never);
  const t = new Telemetry('edna', undefined);
  const breaker = new BreakerStage('edna', o.breaker, () => true, t);
  const gate = new OpenCircuitGate(breaker, new Outcome(o, t));
  return { breaker, gate };
}

const failing = () => Promise.reject(new TransientError('503', { status: 503 }));

describe('OpenCircuitGate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits while closed', () => {
    expect(build().gate.admit()).toBeUndefined();
  });

  it('refuses while open with the time left as retryAfterMs, and admits once it passed', async () => {
    // Prepare
    const { breaker, gate } = build();
    await breaker.execute(failing).catch(() => undefined);
    vi.advanceTimersByTime(3_000);
    // Act
    const refused = gate.admit();
    // Assert
    expect(isDependencyDownError(refused)).toBe(true);
    expect(refused?.retryAfterMs).toBe(5_000);
    expect(refused?.stack).not.toContain('openCircuitGate'); // stackless on the fast path
    vi.advanceTimersByTime(5_000);
    expect(gate.admit()).toBeUndefined();
  });

  it('refuses while half-open with its probe in flight, with a retry hint of at least 1 s', async () => {
    // Prepare
    const { breaker, gate } = build();
    await breaker.execute(failing).catch(() => undefined);
    vi.advanceTimersByTime(8_000);
    void breaker.execute(() => new Promise(() => {}));
    // Act
    const refused = gate.admit();
    // Assert
    expect(refused?.message).toContain('probes in flight');
    expect(refused?.retryAfterMs).toBe(1_000);
  });

  it('refuses while isolated with the largest hint (120 s), never Infinity', () => {
    // Prepare
    const { breaker, gate } = build();
    breaker.isolate();
    // Act
    const refused = gate.admit();
    // Assert
    expect(refused?.message).toContain('circuit isolated');
    expect(refused?.retryAfterMs).toBe(120_000);
  });
});
