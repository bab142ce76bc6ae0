// The retry loop's less travelled paths, pinned: a call whose time is over before it starts hands its
// fallback 0 attempts; an attempt refused by cockatiel after another call opened the circuit during this
// call's backoff ends with the circuit's real retry hint; a retry held by another call's cooldown is
// released at a spread point of it, not all at its end.
import { isDependencyDownError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';

const unavailable = () => Promise.reject(new TransientError('edna answered 503', { status: 503 }));

describe('the retry loop, less travelled paths', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('a call whose deadline is already over hands its fallback 0 attempts', async () => {
    // Prepare
    const seen: number[] = [];
    const dep = wrapDependency('edna', {
      logger: false,
      deadline: () => 0,
      fallback: (_error, context) => {
        seen.push(context.attempts);
        return 'fallback';
      },
    });
    const fn = vi.fn(async () => 'never');
    // Act + Assess
    await expect(dep.execute(fn)).resolves.toBe('fallback');
    expect(seen).toEqual([0]);
    expect(fn).not.toHaveBeenCalled();
  });

  it("an attempt refused after another call opened the circuit during its backoff ends with the circuit's retry hint", async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 100, maxDelayMs: 100, jitter: 'none' } },
      breaker: { kind: 'consecutive', threshold: 2, halfOpenAfterMs: 30_000 },
    });
    const first = dep.execute(unavailable).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    // Act: a second call's failure opens the circuit while the first waits to retry
    await dep.execute(unavailable).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(50);
    const error = await first;
    // Assess: open until 30 s after the second failure, 50 ms ago
    expect(dep.state).toBe('open');
    expect(isDependencyDownError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'circuit-open', retryAfterMs: 29_950 });
  });

  it("a retry held by another call's cooldown is released at a spread point of it", async () => {
    // Prepare: draws of 0.5 place a held call half-way through the spread
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 10_000, totalMs: 60_000 },
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 100, maxDelayMs: 100, jitter: 'none' } },
    });
    const delays: [string, number][] = [];
    dep.onRetry((e) => delays.push([(e.error as Error).message, e.delayMs]));
    // Act: one call is told to come back in 2 s (cooldown until +2 s, spread 2 s); the other fails plainly
    const pushedBack = dep
      .execute(() =>
        Promise.reject(
          new TransientError('edna answered 429', { status: 429, reason: 'throttled', retryAfterMs: 2_000 }),
        ),
      )
      .catch(() => undefined);
    const plain = dep.execute(unavailable).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    // Assess: the plain failure waits for the cooldown's end plus half its spread
    expect(delays).toEqual([
      ['edna answered 429', 2_000],
      ['edna answered 503', 3_000],
    ]);
    await vi.advanceTimersByTimeAsync(3_000);
    await Promise.all([pushedBack, plain]);
  });

  it('only throttling starts a cooldown: a 503 with a retry hint holds no other call', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 100, maxDelayMs: 100, jitter: 'none' } },
    });
    const cooldowns: unknown[] = [];
    dep.onCooldown((e) => cooldowns.push(e));
    // Act
    const call = dep
      .execute(() =>
        Promise.reject(new TransientError('edna answered 503', { status: 503, retryAfterMs: 2_000 })),
      )
      .catch(() => undefined);
    await vi.advanceTimersByTimeAsync(2_000);
    await call;
    // Assess
    expect(cooldowns).toEqual([]);
    expect(dep.stats().cooldowns).toBe(0);
  });
});
