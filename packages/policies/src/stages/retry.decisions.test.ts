// What the retry loop decides, pinned at its edges: each attempt's own error is classified (a permanent
// error after a transient one ends the call), "no retry that cannot finish" holds to the millisecond on
// both sides, the three timeout messages users read stay distinct, a refused call honours a per-call
// fallback, and a cancellation is never answered by a fallback. Driven through wrapDependency, time faked.
import { PermanentError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';

const unavailable = () => new TransientError('edna answered 503', { status: 503 });
const noJitter = (ms: number) => ({ jitter: 'none', initialDelayMs: ms, maxDelayMs: ms }) as const;
const hang = () => new Promise<string>(() => {});

/** fn failing with `errors[i]` on attempt i+1 after `afterMs`, then answering 'ok' at once. */
function failing(afterMs: number, ...errors: Error[]) {
  let n = 0;
  return vi.fn(() => {
    const error = errors[n++];
    if (error === undefined) return Promise.resolve('ok');
    return new Promise<string>((_, reject) => setTimeout(() => reject(error), afterMs));
  });
}

describe('the retry loop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("classifies each attempt's own error: a permanent one after a transient one ends the call", async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false, retry: { maxAttempts: 3, backoff: noJitter(10) } });
    const bad = new PermanentError('edna answered 400', { status: 400 });
    const fn = failing(0, unavailable(), bad);
    const retried: number[] = [];
    dep.onRetry((e) => retried.push(e.attempt));
    // Act
    const result = dep.execute(fn).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    // Assess
    expect(await result).toBe(bad);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(retried).toEqual([1]);
    expect(dep.stats()).toMatchObject({ attempts: 2, retries: 1, failures: 1, successes: 0, inFlight: 0 });
  });

  it.each([
    // An instant failure counts as 1 ms: a 100 ms wait + 1 ms must fit before the end.
    [0, 101, 2],
    [0, 100, 1],
    // A failure after 50 ms: the next attempt may take as long again, so 100 + 50 must fit after it.
    [50, 200, 2],
    [50, 199, 1],
  ])(
    'a failure after %i ms with a deadline %i ms away: %i attempt(s)',
    async (failAfterMs, endMs, attempts) => {
      // Prepare: the deadline option bounds the call (timeout.totalMs is far)
      const dep = wrapDependency('edna', {
        logger: false,
        deadline: () => endMs,
        retry: { maxAttempts: 2, backoff: noJitter(100), budget: false },
      });
      const giveUps: string[] = [];
      dep.onGiveUp((e) => giveUps.push(e.reason));
      const fn = failing(failAfterMs, unavailable());
      // Act
      const result = dep.execute(fn).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1_000);
      // Assess
      expect(fn).toHaveBeenCalledTimes(attempts);
      if (attempts === 2) {
        expect(await result).toBe('ok');
        expect(giveUps).toEqual([]);
      } else {
        expect(await result).toMatchObject({ message: 'edna answered 503' });
        expect(giveUps).toEqual(['deadline']);
      }
    },
  );

  it('an attempt timeout says which attempt and how long it was allowed', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      timeout: { attemptMs: 250, totalMs: 1_000 },
    });
    // Act
    const result = dep.execute(hang).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(250);
    // Assess
    expect(await result).toMatchObject({
      name: 'TransientError',
      message: 'edna: attempt 1 timed out after 250 ms',
      reason: 'timeout',
      code: 'ETIMEDOUT',
    });
  });

  it('the total timeout says so, with the attempts made; the cause is the last error', async () => {
    // Prepare: attempt 1 fails at 100 ms, attempt 2 hangs until the total timeout
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 950, totalMs: 1_000 },
      retry: { maxAttempts: 2, backoff: noJitter(0), budget: false },
    });
    const first = unavailable();
    let n = 0;
    const timeouts: string[] = [];
    dep.onTimeout((e) => timeouts.push(`${e.kind}:${e.attempt}:${e.timeoutMs}`));
    // Act
    const result = dep
      .execute(() =>
        n++ === 0 ? new Promise<string>((_, reject) => setTimeout(() => reject(first), 100)) : hang(),
      )
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    // Assess
    const error = (await result) as Error;
    expect(error.message).toBe('edna: total timeout of 1000 ms reached after 2 attempt(s)');
    expect(error.cause).toBe(first);
    expect(timeouts).toEqual(['total:2:900']);
  });

  it('a deadline says "the deadline", not the total timeout', async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false, retry: false, deadline: () => 300 });
    // Act
    const result = dep.execute(hang).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(300);
    // Assess
    expect(await result).toMatchObject({
      name: 'TransientError',
      message: 'edna: the deadline reached after 1 attempt(s)',
      reason: 'timeout',
    });
  });

  it('a per-call fallback answers a call the open circuit refuses (no dependency-wide fallback)', async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false, retry: false, breaker: { threshold: 1 } });
    await dep.execute(() => Promise.reject(unavailable())).catch(() => undefined);
    const fn = vi.fn(async () => 'live');
    // Act
    const result = await dep.execute(fn, { fallback: (_e, ctx) => `cached after ${ctx.attempts}` });
    // Assess
    expect(result).toBe('cached after 0');
    expect(fn).not.toHaveBeenCalled();
    expect(dep.stats()).toMatchObject({ rejected: 1, fallbacks: 1 });
  });

  it('a cancellation thrown by the dependency is never answered by the fallback', async () => {
    // Prepare
    const fallback = vi.fn(() => 'cached');
    const dep = wrapDependency('edna', { logger: false, fallback });
    const aborted = new DOMException('the caller went away', 'AbortError');
    // Act
    const result = await dep.execute(() => Promise.reject(aborted)).catch((e: unknown) => e);
    // Assess
    expect(result).toBe(aborted);
    expect(fallback).not.toHaveBeenCalled();
    expect(dep.stats()).toMatchObject({ attempts: 1, fallbacks: 0, failures: 1 });
  });
});
