// The retry loop's bookkeeping and its interruptions: calls in flight (the dependency's and the process's
// keep-alive count) go back to zero on every path, a deadline signal mid-attempt or mid-backoff ends the
// call as a deadline timeout (reported once, with the time the attempt had run and the right cause),
// adaptive throttling hears each attempt's outcome, a throttling hint without a cooldown still waits, and
// a give-up for lack of time carries retryAfterMs only when the server asked for that wait.
import { isDependencyDownError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from '../deadline/withDeadline.js';
import { callsInFlight } from '../timeout/keepAlive.js';
import { wrapDependency } from '../wrapDependency.js';

const unavailable = () => new TransientError('edna answered 503', { status: 503 });
const noJitter = (ms: number) => ({ jitter: 'none', initialDelayMs: ms, maxDelayMs: ms }) as const;
const hang = () => new Promise<string>(() => {});

describe('the retry loop, bookkeeping and interruptions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts a call in flight (here and for the keep-alive) until it settles, on the fast path and after retries', async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false, retry: { maxAttempts: 2, backoff: noJitter(10) } });
    const before = callsInFlight();
    let release!: (v: string) => void;
    // Act + Assess: a first attempt that succeeds
    const fast = dep.execute(() => new Promise<string>((r) => (release = r)));
    expect([dep.stats().inFlight, callsInFlight() - before]).toEqual([1, 1]);
    release('ok');
    await fast;
    expect([dep.stats().inFlight, callsInFlight() - before]).toEqual([0, 0]);
    // ... and one that succeeds on its retry
    let n = 0;
    const retried = dep.execute(async () => {
      if (n++ === 0) throw unavailable();
      return 'ok';
    });
    await vi.advanceTimersByTimeAsync(10);
    await retried;
    expect([dep.stats().inFlight, callsInFlight() - before, dep.stats().successes]).toEqual([0, 0, 2]);
  });

  it('a deadline signal mid-attempt ends the call as a deadline timeout, reported once with the time run', async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false });
    const timeouts: unknown[] = [];
    dep.onTimeout((e) => timeouts.push(e));
    const controller = new AbortController();
    const reason = new Error('invocation ending');
    // Act
    const call = withDeadline(controller.signal, () => dep.execute(hang)).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(300);
    controller.abort(reason);
    const error = (await call) as Error;
    // Assess
    expect(error.message).toBe('edna: the deadline reached after 1 attempt(s)');
    expect(error.cause).toBe(reason);
    expect(timeouts).toEqual([{ dependency: 'edna', attempt: 1, kind: 'deadline', timeoutMs: 300 }]);
    expect(dep.stats()).toMatchObject({ timeouts: 1, inFlight: 0 });
  });

  it('a deadline signal during a backoff wait ends the call as a deadline timeout caused by the last error', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 2, backoff: noJitter(1_000) },
    });
    const timeouts: unknown[] = [];
    dep.onTimeout((e) => timeouts.push(e));
    const controller = new AbortController();
    const first = unavailable();
    const fn = vi.fn(() => new Promise<string>((_, reject) => setTimeout(() => reject(first), 100)));
    // Act
    const call = withDeadline(controller.signal, () => dep.execute(fn)).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(600);
    controller.abort();
    const error = (await call) as Error;
    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toBe('edna: the deadline reached after 1 attempt(s)');
    expect(error.cause).toBe(first);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(timeouts).toEqual([{ dependency: 'edna', attempt: 1, kind: 'deadline', timeoutMs: 600 }]);
  });

  it('adaptive throttling counts an unthrottled failure and a success after a retry as accepted', async () => {
    // Prepare: K = 2; every call is throttled once, then succeeds; others fail with a plain 503
    const dep = wrapDependency('edna', {
      logger: false,
      breaker: false,
      cooldown: false,
      adaptiveThrottle: { k: 2 },
      retry: { maxAttempts: 2, backoff: noJitter(1), budget: false },
    });
    // Act
    for (let i = 0; i < 40; i++) {
      let n = 0;
      const call = dep.execute(async () => {
        if (n++ === 0) throw new TransientError('429', { status: 429, reason: 'throttled' });
        return 'ok';
      });
      await vi.advanceTimersByTimeAsync(5);
      await call;
    }
    for (let i = 0; i < 40; i++) {
      const failing = dep.execute(() => Promise.reject(unavailable())).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(5);
      await failing;
    }
    // Assess: 1 accept per throttled answer keeps requests - 2 x accepts <= 0
    expect(dep.stats().rateLimited).toBe(0);
  });

  it('a throttling hint is waited for even with cooldown: false', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      cooldown: false,
      retry: { maxAttempts: 2, backoff: noJitter(10) },
    });
    let n = 0;
    const fn = vi.fn(async () => {
      if (n++ === 0)
        throw new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs: 2_000 });
      return 'ok';
    });
    // Act
    const call = dep.execute(fn);
    await vi.advanceTimersByTimeAsync(1_999);
    const early = fn.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1);
    // Assess
    await expect(call).resolves.toBe('ok');
    expect(early).toBe(1);
  });

  it('a give-up for lack of time has no retryAfterMs when the hint was shorter than the backoff', async () => {
    // Prepare: backoff 500 ms, hint 50 ms, 400 ms left: neither fits, and the server asked for less
    const dep = wrapDependency('edna', {
      logger: false,
      deadline: () => 400,
      retry: { maxAttempts: 2, backoff: noJitter(500), budget: false },
    });
    const giveUps: unknown[] = [];
    dep.onGiveUp((e) => giveUps.push({ reason: e.reason, retryAfterMs: e.retryAfterMs }));
    const error = new TransientError('edna answered 503', { status: 503, retryAfterMs: 50 });
    // Act
    await dep.execute(() => Promise.reject(error)).catch(() => undefined);
    // Assess
    expect(giveUps).toEqual([{ reason: 'deadline', retryAfterMs: undefined }]);
  });

  it("a retry held by another call's cooldown that cannot fit gives up with when to come back", async () => {
    // Prepare: call B's attempt is out when call A is told to wait 5 s; B then fails with 1 s left
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 1_000, totalMs: 2_000 },
      retry: { maxAttempts: 2, backoff: noJitter(10), budget: false },
    });
    const giveUps: { reason: string; retryAfterMs?: number }[] = [];
    dep.onGiveUp((e) =>
      giveUps.push({
        reason: e.reason,
        ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
      }),
    );
    let failB!: () => void;
    const b = dep
      .execute(() => new Promise<string>((_, reject) => (failB = () => reject(unavailable()))))
      .catch(() => undefined);
    await dep
      .execute(() =>
        Promise.reject(new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs: 5_000 })),
      )
      .catch(() => undefined);
    // Act
    failB();
    await b;
    // Assess: A gave up (its hint does not fit) and so did B, each saying when to come back
    expect(giveUps).toHaveLength(2);
    expect(giveUps[1]!.reason).toBe('deadline');
    expect(giveUps[1]!.retryAfterMs).toBeGreaterThanOrEqual(5_000);
  });

  it("a retry that races another call's half-open probe is refused as the open circuit it is", async () => {
    // Prepare: A and B fail and wait 200 ms; C's failure opens the circuit for 100 ms
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 300, totalMs: 5_000 },
      breaker: { threshold: 3, halfOpenAfterMs: 100 },
      retry: { maxAttempts: 2, backoff: noJitter(200), budget: false },
    });
    const calls: string[] = [];
    const make = (name: string) => {
      let n = 0;
      return () => {
        calls.push(`${name}${++n}`);
        return n === 1 ? Promise.reject(unavailable()) : hang();
      };
    };
    const a = dep.execute(make('a')).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    const b = dep.execute(make('b')).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    const c = dep.execute(make('c')).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    // Act: at 200 ms A's retry is the half-open probe, B's waits on it (cockatiel); at 500 ms the probe
    // times out and the circuit reopens: B's retry is refused
    await vi.advanceTimersByTimeAsync(500);
    const refused = await b;
    // Assess
    expect(calls).toEqual(['a1', 'b1', 'c1', 'a2']);
    expect(isDependencyDownError(refused)).toBe(true);
    expect(refused).toMatchObject({
      reason: 'circuit-open',
      retryAfterMs: 1_000,
      message: 'edna: circuit open',
    });
    expect(isDependencyDownError(await c)).toBe(false);
    void a;
  });
});
