// The rate limiter: options checked; a token bucket (perSecond, burst) where a call waits for a token
// within maxWaitMs and its own time, or is refused with a 503-class error that never counts toward the
// breaker. Time is faked; the real-socket version is test/policies/rateLimit.http.test.ts.
import { classify, isDependencyDownError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { wrapDependency } from '../wrapDependency.js';
import { normalizeRateLimit, RateLimitStage } from './rateLimit.js';

describe('normalizeRateLimit', () => {
  it('is off by default; perSecond is required; burst 1 and maxWaitMs the call time by default', () => {
    expect(normalizeRateLimit('o', undefined)).toBeUndefined();
    expect(normalizeRateLimit('o', false)).toBeUndefined();
    expect(normalizeRateLimit('o', { perSecond: 45 })).toEqual({
      perSecond: 45,
      burst: 1,
      maxWaitMs: 2_147_483_647,
    });
  });

  it.each([
    [{}, 'rateLimit.perSecond must be given'],
    ['45', 'rateLimit must be an object or false'],
    [{ perSecond: 0 }, 'rateLimit.perSecond must be a finite number > 0'],
    [{ perSecond: Number.NaN }, 'got NaN'],
    [{ perSecond: 10, burst: 1.5 }, 'rateLimit.burst must be an integer >= 1'],
    [{ perSecond: 10, maxWaitMs: -1 }, 'rateLimit.maxWaitMs must be a finite number of ms >= 0'],
    [{ perSecond: 10, perSec: 1 }, 'did you mean "perSecond"'],
  ])('refuses %o naming the field', (value, message) => {
    expect(() => normalizeRateLimit("wrapDependency('edna')", value)).toThrow(message);
  });
});

describe('RateLimitStage.take (GCRA)', () => {
  const stage = (perSecond: number, burst: number, maxWaitMs = 2_147_483_647) =>
    new RateLimitStage('edna', { perSecond, burst, maxWaitMs }, new Telemetry('edna', undefined));

  it('lets `burst` calls go at once, then one every 1/perSecond', () => {
    const s = stage(10, 3);
    expect([s.take(0, 10_000), s.take(0, 10_000), s.take(0, 10_000)]).toEqual([0, 0, 0]);
    expect(s.take(0, 10_000)).toBe(100);
    expect(s.take(0, 10_000)).toBe(200);
  });

  it('refills at perSecond after a quiet spell, never beyond burst', () => {
    const s = stage(10, 2);
    s.take(0, 10_000);
    s.take(0, 10_000);
    expect(s.take(10_000, 20_000)).toBe(0);
    expect(s.take(10_000, 20_000)).toBe(0);
    expect(s.take(10_000, 20_000)).toBe(100);
  });

  it('takes nothing and answers -(wait) when the wait exceeds maxWaitMs or the call time', () => {
    const s = stage(1, 1, 500);
    expect(s.take(0, 10_000)).toBe(0);
    expect(s.take(0, 10_000)).toBe(-1_000);
    expect(s.take(0, 10_000)).toBe(-1_000); // nothing was reserved by the refusal
    const t = stage(1, 1);
    t.take(0, 10_000);
    expect(t.take(0, 900)).toBe(-1_000);
  });
});

describe('a dependency with rateLimit', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces calls at perSecond, and refuses those that cannot wait, with a 503-class error', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 1_000, totalMs: 1_000 },
      retry: { maxAttempts: 1 },
      rateLimit: { perSecond: 4, burst: 1 },
    });
    const refusals: number[] = [];
    dep.onRateLimited((e) => refusals.push(e.retryAfterMs));
    const started: number[] = [];
    const t0 = Date.now();
    const fn = async () => {
      started.push(Date.now() - t0);
      return 'ok';
    };
    // Act: 6 calls at once, 250 ms apart; a wait may take half the call's time (500 ms), so 3 are refused
    const results = Promise.all(Array.from({ length: 6 }, () => dep.execute(fn).catch((e: unknown) => e)));
    await vi.advanceTimersByTimeAsync(1_000);
    const outcomes = await results;
    // Assert
    expect(started).toEqual([0, 250, 500]);
    const refused = outcomes.slice(3);
    for (const r of refused) {
      expect(isDependencyDownError(r)).toBe(true);
      expect(r).toMatchObject({ reason: 'throttled' });
      expect((r as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(1_000);
      expect(classify(r).httpStatus).toBe(503);
      expect(classify(r).countsTowardBreaker).toBe(false);
    }
    expect(refusals).toHaveLength(3);
    expect(dep.stats()).toMatchObject({ rateLimited: 3, held: 2, rejected: 3 });
  });

  it("a waiting call ends with the caller's reason when the caller aborts", async () => {
    const dep = wrapDependency('edna', { logger: false, rateLimit: { perSecond: 1 } });
    await dep.execute(async () => 'first');
    const controller = new AbortController();
    const waiting = dep.execute(async () => 'ok', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort('caller left');
    expect(await waiting).toBe('caller left');
  });

  it('the option reaches the chain (normalized)', () => {
    expect(normalizeOptions('edna', { rateLimit: { perSecond: 2, burst: 3 } }).rateLimit).toEqual({
      perSecond: 2,
      burst: 3,
      maxWaitMs: 2_147_483_647,
    });
  });
});
