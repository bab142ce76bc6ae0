// How wrapDependency USES a SharedBreakerState (the SSM implementation is tested on its own): ready()
// awaited on the first call only, current() read on every call, open/forced-open refuse without calling
// the dependency, forced-closed resets the local breaker, closed/undefined leave the local breaker in charge.
import { isDependencyDownError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  BreakerStateDocument,
  FleetBreakerState,
  SharedBreakerState,
} from './sharedState/SharedBreakerState.js';
import { wrapDependency } from './wrapDependency.js';

class MemoryBreakerState implements SharedBreakerState {
  doc: BreakerStateDocument | undefined;
  readyCalls = 0;
  currentCalls = 0;
  #ready: Promise<void>;
  #release!: () => void;
  constructor(ready: 'now' | 'later' = 'now') {
    this.#ready = new Promise((r) => {
      this.#release = r;
    });
    if (ready === 'now') this.#release();
  }
  release(): void {
    this.#release();
  }
  set(state: FleetBreakerState | undefined, retryInMs?: number): void {
    const now = new Date(Date.now()).toISOString();
    this.doc =
      state === undefined
        ? undefined
        : {
            version: 1,
            dependency: 'edna',
            state,
            since: now,
            ...(retryInMs === undefined ? {} : { retryAt: new Date(Date.now() + retryInMs).toISOString() }),
            writtenBy: { kind: state.startsWith('forced') ? 'operator' : 'probe', id: 'test' },
            updatedAt: now,
          };
  }
  current(): BreakerStateDocument | undefined {
    this.currentCalls++;
    return this.doc;
  }
  ready(): Promise<void> {
    this.readyCalls++;
    return this.#ready;
  }
}

describe('wrapDependency with sharedState', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('awaits ready() on the first call only, then reads current() on every call', async () => {
    // Prepare
    const shared = new MemoryBreakerState('later');
    const dep = wrapDependency('edna', { logger: false, sharedState: shared });
    let called = 0;
    const fn = async () => ++called;
    // Act
    const first = dep.execute(fn);
    const second = dep.execute(fn);
    await vi.advanceTimersByTimeAsync(0);
    const calledBeforeReady = called;
    shared.release();
    await Promise.all([first, second]);
    await dep.execute(fn);
    // Assess
    expect(calledBeforeReady).toBe(0);
    expect(shared.readyCalls).toBe(1);
    expect(shared.currentCalls).toBeGreaterThanOrEqual(3);
    expect(called).toBe(3);
  });

  it('after waiting for ready(), the first attempt gets its whole attemptMs from when it starts', async () => {
    // Prepare
    const shared = new MemoryBreakerState('later');
    const dep = wrapDependency('edna', {
      logger: false,
      sharedState: shared,
      timeout: { attemptMs: 500, totalMs: 10_000 },
    });
    const seen: number[] = [];
    const pending = dep.execute(({ deadline }) => seen.push(deadline - Date.now()));
    // Act
    await vi.advanceTimersByTimeAsync(300);
    shared.release();
    await pending;
    // Assess
    expect(seen).toEqual([500]);
  });

  it.each(['open', 'forced-open'] as const)(
    '%s refuses without calling the dependency, retryAfterMs from retryAt',
    async (state) => {
      // Prepare
      const shared = new MemoryBreakerState();
      shared.set(state, 20_000);
      const dep = wrapDependency('edna', { logger: false, sharedState: shared });
      let called = 0;
      // Act
      const error = await dep.execute(async () => ++called).catch((e: unknown) => e);
      // Assess
      expect(called).toBe(0);
      expect(isDependencyDownError(error)).toBe(true);
      expect(error).toMatchObject({ reason: 'circuit-open', retryAfterMs: 20_000, dependency: 'edna' });
      expect(dep.state).toBe('open');
      expect(dep.stats().rejected).toBe(1);
    },
  );

  it('forced-closed resets an open local breaker and lets calls through', async () => {
    // Prepare
    const shared = new MemoryBreakerState();
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      breaker: { threshold: 1 },
      sharedState: shared,
    });
    await dep.execute(async () => Promise.reject(new TransientError('503'))).catch(() => undefined);
    const localBefore = dep.state;
    const resets: string[] = [];
    dep.onReset((e) => resets.push(e.dependency));
    // Act
    shared.set('forced-closed');
    const result = await dep.execute(async () => 'through');
    // Assess
    expect(localBefore).toBe('open');
    expect(result).toBe('through');
    expect(dep.state).toBe('closed');
    expect(resets).toEqual(['edna']);
  });

  it('state reads forced-closed as closed at once, before a call resets the open local breaker', async () => {
    // Prepare
    const shared = new MemoryBreakerState();
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      breaker: { threshold: 1 },
      sharedState: shared,
    });
    await dep.execute(async () => Promise.reject(new TransientError('503'))).catch(() => undefined);
    expect(dep.state).toBe('open');
    // Act
    shared.set('forced-closed');
    // Assess
    expect(dep.state).toBe('closed');
  });

  it('ready() of a dependency without shared state resolves at once', async () => {
    // Act + Assess
    await expect(wrapDependency('edna', { logger: false }).ready()).resolves.toBeUndefined();
  });

  it('forced-closed on a dependency with no local breaker lets calls through', async () => {
    // Prepare
    const shared = new MemoryBreakerState();
    const dep = wrapDependency('edna', { logger: false, retry: false, breaker: false, sharedState: shared });
    shared.set('forced-closed');
    // Act + Assess
    await expect(dep.execute(async () => 'through')).resolves.toBe('through');
    expect(dep.state).toBe('closed');
  });

  it('forced-closed on a breaker that opened and closed again by its probe: no second reset', async () => {
    // Prepare: open, half-open after 1 s, closed by a successful probe
    const shared = new MemoryBreakerState();
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      breaker: { threshold: 1, halfOpenAfterMs: 1_000 },
      sharedState: shared,
    });
    const resets: string[] = [];
    dep.onReset((e) => resets.push(e.dependency));
    await dep.execute(async () => Promise.reject(new TransientError('503'))).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1_000);
    await dep.execute(async () => 'probe');
    const afterProbe = [...resets];
    // Act
    shared.set('forced-closed');
    await dep.execute(async () => 'through');
    // Assess
    expect(afterProbe).toEqual(['edna']);
    expect(resets).toEqual(['edna']);
    expect(dep.state).toBe('closed');
  });

  it.each([
    ['closed', 'closed' as const],
    ['no document', undefined],
  ])('%s leaves the local breaker in charge', async (_label, state) => {
    // Prepare
    const shared = new MemoryBreakerState();
    shared.set(state);
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      breaker: { threshold: 1 },
      sharedState: shared,
    });
    // Act
    await dep.execute(async () => Promise.reject(new TransientError('503'))).catch(() => undefined);
    const refused = await dep.execute(async () => 'x').catch((e: unknown) => e);
    // Assess
    expect(isDependencyDownError(refused)).toBe(true);
    expect(dep.state).toBe('open');
  });

  it('a shared state whose ready() rejects or current() throws never blocks or fails a call', async () => {
    // Prepare
    const broken: SharedBreakerState = {
      ready: () => Promise.reject(new Error('SSM down')),
      current: () => {
        throw new Error('bug');
      },
    };
    const dep = wrapDependency('edna', { logger: false, sharedState: broken });
    // Act + Assess
    await expect(dep.execute(async () => 'ok')).resolves.toBe('ok');
    expect(dep.state).toBe('closed');
  });
});
