// The shared-state gate on its own: refuses on a fleet open/forced-open (never another dependency's),
// closes the local breaker on forced-closed, ignores a state that throws, and bounds the first wait.
import { isDependencyDownError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Outcome } from '../pipeline/Outcome.js';
import type { BreakerStateDocument, SharedBreakerState } from '../sharedState/SharedBreakerState.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { Interrupted } from '../timeout/runAttempt.js';
import { BreakerStage } from './breaker.js';
import { SharedStateGate } from './sharedStateGate.js';
import { TotalTimeout } from './totalTimeout.js';

function doc(state: BreakerStateDocument['state'], dependency = 'edna'): BreakerStateDocument {
  const now = new Date(Date.now()).toISOString();
  return { version: 1, dependency, state, since: now, updatedAt: now } as BreakerStateDocument;
}

function build(current: () => BreakerStateDocument | undefined, ready: () => Promise<void> = async () => {}) {
  const o = normalizeOptions('edna', {
    logger: false,
    breaker: { threshold: 1 },
    timeout: { attemptMs: 100, totalMs: 500 },
    retry: { maxAttempts: 1 },
  } as never);
  const t = new Telemetry('edna', undefined);
  const outcome = new Outcome(o, t);
  const breaker = new BreakerStage('edna', o.breaker, () => true, t);
  const state: SharedBreakerState = { ready, current } as SharedBreakerState;
  const gate = new SharedStateGate('edna', state, breaker, outcome, new TotalTimeout(o.totalMs, undefined));
  return { gate, breaker };
}

describe('SharedStateGate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses while the fleet document says open, and admits when closed or absent', () => {
    expect(isDependencyDownError(build(() => doc('open')).gate.admit())).toBe(true);
    expect(build(() => doc('forced-open')).gate.admit()?.message).toContain('forced-open fleet-wide');
    expect(build(() => doc('closed')).gate.admit()).toBeUndefined();
    expect(build(() => undefined).gate.admit()).toBeUndefined();
  });

  it("never obeys another dependency's document", () => {
    expect(build(() => doc('open', 'other')).gate.admit()).toBeUndefined();
  });

  it('a state that throws is ignored (shared state may help, never hurt)', () => {
    expect(
      build(() => {
        throw new Error('boom');
      }).gate.admit(),
    ).toBeUndefined();
  });

  it('forced-closed closes an open local breaker', async () => {
    // Prepare
    const { gate, breaker } = build(() => doc('forced-closed'));
    await breaker.execute(() => Promise.reject(new TransientError('503'))).catch(() => undefined);
    expect(breaker.state()).toBe('open');
    // Act
    gate.admit();
    // Assert
    expect(breaker.state()).toBe('closed');
    expect(gate.forcedClosed).toBe(true);
  });

  it("the first wait for ready() ends at the call's total time, and later calls stop waiting", async () => {
    // Prepare
    const { gate } = build(
      () => undefined,
      () => new Promise(() => {}),
    );
    // Act
    const waited = gate.awaitReady(Date.now(), undefined).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    // Assert
    expect(await waited).toBeInstanceOf(Interrupted);
    expect(gate.isReady).toBe(true);
  });
});
