// The shared-state gate on its own: refuses on a fleet open/forced-open (never another dependency's),
// closes the local breaker on forced-closed, ignores a state that throws, and bounds the first wait.
import { isDependencyDownError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Outcome } from '../pipeline/Outcome.js';
import type { BreakerStateDocument, SharedBreakerState } from '../sharedState/SharedBreakerState.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { Interrupted } from '../timeout/runAttempt.js';
import { wrapDependency } from '../wrapDependency.js';
import { BreakerStage } from './breaker.js';
import { SharedStateGate } from './sharedStateGate.js';
import { TotalTimeout } from './totalTimeout.js';

function doc(state: BreakerStateDocument['state'], dependency = 'edna'): BreakerStateDocument {
  const now = new Date(Date.now()).toISOString();
  return { version: 1, dependency, state, since: now, updatedAt: now } as BreakerStateDocument;
}

function build(
  current: () => BreakerStateDocument | undefined,
  ready: () => Promise<void> = async () => {},
  retryHintMs?: () => number,
) {
  const o = normalizeOptions('edna', {
    logger: false,
    breaker: { threshold: 1 },
    timeout: { attemptMs: 100, totalMs: 500 },
    retry: { maxAttempts: 1 },
  } as never);
  const t = new Telemetry('edna', undefined);
  const outcome = new Outcome(o, t);
  const breaker = new BreakerStage('edna', o.breaker, () => true, t);
  const state = { ready, current } as SharedBreakerState;
  if (retryHintMs !== undefined) Object.defineProperty(state, 'retryHintMs', { get: retryHintMs });
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

  it("forced-closed is obeyed even when the state's retryHintMs getter throws (the hint only matters when open)", async () => {
    // Prepare: an open local breaker
    let current: BreakerStateDocument | undefined = doc('forced-closed');
    const { gate, breaker } = build(
      () => current,
      async () => {},
      () => {
        throw new Error('retryHintMs getter failed');
      },
    );
    await breaker.execute(() => Promise.reject(new Error('503'))).catch(() => undefined);
    const before = breaker.state();
    // Act
    gate.admit();
    const forced = [gate.forcedClosed, breaker.state()];
    current = undefined;
    gate.admit();
    // Assess
    expect([before, ...forced, gate.forcedClosed]).toEqual(['open', true, 'closed', false]);
  });

  it("an open document whose state's retryHintMs getter throws is ignored (shared state may help, never hurt)", () => {
    const { gate } = build(
      () => doc('open'),
      async () => {},
      () => {
        throw new Error('retryHintMs getter failed');
      },
    );
    expect(gate.admit()).toBeUndefined();
  });

  it('forcedClosed is false until a forced-closed document, and false again once the fleet lets go', () => {
    // Prepare
    let current = doc('closed');
    const { gate } = build(() => current);
    // Act + Assess
    expect(gate.forcedClosed).toBe(false);
    current = doc('forced-closed');
    gate.admit();
    expect(gate.forcedClosed).toBe(true);
    current = doc('closed');
    gate.admit();
    expect(gate.forcedClosed).toBe(false);
    current = doc('forced-closed');
    gate.admit();
    current = undefined as never;
    gate.admit();
    expect(gate.forcedClosed).toBe(false);
  });

  it('a read that throws changes nothing: forced-closed stays as last read', () => {
    let current: () => BreakerStateDocument | undefined = () => doc('forced-closed');
    const { gate } = build(() => current());
    gate.admit();
    current = () => {
      throw new Error('boom');
    };
    expect(gate.admit()).toBeUndefined();
    expect(gate.forcedClosed).toBe(true);
  });
});

/** A shared state whose first read the test releases, with a document and a hint it sets. */
function fleet(first: 'now' | 'never' = 'now') {
  const s = {
    document: undefined as BreakerStateDocument | undefined | Error,
    retryHintMs: undefined as number | undefined,
    ready: () => (first === 'now' ? Promise.resolve() : new Promise<void>(() => {})),
    current: () => {
      if (s.document instanceof Error) throw s.document;
      return s.document;
    },
  };
  return s;
}

describe('a dependency with shared state', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reports the fleet's state only once its first read is done, and only for its own document", async () => {
    // Prepare
    const state = fleet();
    state.document = doc('open');
    const dep = wrapDependency('edna', { logger: false, sharedState: state as never });
    // Act + Assess
    expect(dep.state).toBe('closed');
    await dep.ready();
    expect(dep.state).toBe('open');
    state.document = doc('open', 'other');
    expect(dep.state).toBe('closed');
    state.document = doc('forced-closed');
    expect(dep.state).toBe('closed');
    state.document = new Error('SSM down');
    expect(dep.state).toBe('closed');
  });

  it("a fleet refusal carries the state's retry hint, or 30 s without one", async () => {
    // Prepare
    const state = fleet();
    state.document = doc('forced-open');
    const dep = wrapDependency('edna', { logger: false, sharedState: state as never });
    await dep.ready();
    // Act
    const plain = await dep.execute(async () => 'ok').catch((e: unknown) => e);
    state.retryHintMs = 45_000;
    const hinted = await dep.execute(async () => 'ok').catch((e: unknown) => e);
    // Assess
    expect(plain).toMatchObject({
      retryAfterMs: 30_000,
      message: 'edna: circuit forced-open fleet-wide (shared state)',
    });
    expect(hinted).toMatchObject({ retryAfterMs: 45_000 });
  });

  it('a read that throws lets the call through', async () => {
    const state = fleet();
    state.document = new Error('SSM down');
    const dep = wrapDependency('edna', { logger: false, sharedState: state as never });
    await expect(dep.execute(async () => 'ok')).resolves.toBe('ok');
  });

  it('a first read that never answers ends the call at its total timeout, saying so', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 500, totalMs: 500 },
      retry: false,
      sharedState: fleet('never') as never,
    });
    // Act
    const call = dep.execute(async () => 'ok').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    // Assess
    expect(await call).toMatchObject({
      name: 'TransientError',
      message: 'edna: total timeout of 500 ms reached after 0 attempt(s)',
    });
  });

  it('... or at its deadline, saying so', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      deadline: () => 200,
      sharedState: fleet('never') as never,
    });
    // Act
    const call = dep.execute(async () => 'ok').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(200);
    // Assess
    expect(await call).toMatchObject({
      name: 'TransientError',
      message: 'edna: the deadline reached after 0 attempt(s)',
    });
  });

  it('once ready, ready() and later calls set no timer', async () => {
    const dep = wrapDependency('edna', { logger: false, sharedState: fleet() as never });
    await dep.ready();
    await dep.ready();
    expect(vi.getTimerCount()).toBe(0);
  });
});
