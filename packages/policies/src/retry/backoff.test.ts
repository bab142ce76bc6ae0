// The delay before each retry: cockatiel's curve for each jitter, capped at maxDelayMs; the throttling
// floor (the AWS SDK's 500 ms base, growing by the exponent, half of it random) when the server asked to
// slow down without a hint; a Retry-After hint above the delay wins, uncapped and rounded up.
import type { Classification } from '@bulwark/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NormalizedBackoff } from '../options/normalizeOptions.js';
import { createBackoff, retryDelay, THROTTLING_BASE_DELAY_MS } from './backoff.js';

const failure = (extra: Partial<Classification> = {}): Classification =>
  ({
    message: 'edna answered 503',
    kind: 'transient',
    reason: 'server-error',
    retryable: true,
    countsTowardBreaker: true,
    httpStatus: 503,
    ...extra,
  }) as Classification;
const none = (initialDelayMs: number, maxDelayMs: number, exponent = 2): NormalizedBackoff => ({
  jitter: 'none',
  initialDelayMs,
  maxDelayMs,
  exponent,
});

/** The delays of the first `n` retries for `options` and `classification`. */
function delays(options: NormalizedBackoff, n: number, classification = failure()): number[] {
  const out: number[] = [];
  let step = createBackoff(options).next();
  for (let retry = 1; retry <= n; retry++) {
    out.push(retryDelay(step, retry, classification, options));
    step = step.next(undefined as never);
  }
  return out;
}

describe('retryDelay', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("jitter 'none' follows initialDelayMs x exponent^n, capped at maxDelayMs", () => {
    expect(THROTTLING_BASE_DELAY_MS).toBe(500);
    expect(delays(none(100, 1_000), 5)).toEqual([100, 200, 400, 800, 1_000]);
    expect(delays(none(100, 10_000, 3), 3)).toEqual([100, 300, 900]);
  });

  it("jitter 'full' stays within [0, initialDelayMs x 2^n) and varies", () => {
    const options: NormalizedBackoff = {
      jitter: 'full',
      initialDelayMs: 100,
      maxDelayMs: 100_000,
      exponent: 2,
    };
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const [first, second] = delays(options, 2);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThanOrEqual(100);
      expect(second).toBeLessThanOrEqual(200);
      seen.add(first!);
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  it("jitter 'full' grows by the configured exponent too", () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const options: NormalizedBackoff = {
      jitter: 'full',
      initialDelayMs: 100,
      maxDelayMs: 100_000,
      exponent: 3,
    };
    expect(delays(options, 3)).toEqual([99, 299, 899]);
  });

  it("jitter 'decorrelated' is not the plain exponential curve", () => {
    const options: NormalizedBackoff = {
      jitter: 'decorrelated',
      initialDelayMs: 100,
      maxDelayMs: 100_000,
      exponent: 2,
    };
    const runs = Array.from({ length: 20 }, () => delays(options, 3).join(','));
    expect(new Set(runs).size).toBeGreaterThan(1);
    expect(runs.every((r) => r !== '100,200,400')).toBe(true);
  });

  it('a throttling answer without a hint waits at least half the AWS base, growing by the exponent', () => {
    // Prepare
    const throttled = failure({ reason: 'throttled', httpStatus: 429 });
    const random = vi.spyOn(Math, 'random');
    // Act + Assess: base 500 then 1 000; delay = base/2 + random x base/2
    random.mockReturnValue(0);
    expect(delays(none(10, 10_000), 2, throttled)).toEqual([250, 500]);
    random.mockReturnValue(0.5);
    expect(delays(none(10, 10_000), 2, throttled)).toEqual([375, 750]);
    random.mockReturnValue(0);
    expect(delays(none(10, 10_000, 3), 2, throttled)).toEqual([250, 750]);
  });

  it('the throttling floor never lowers a longer backoff and is capped at maxDelayMs', () => {
    const throttled = failure({ reason: 'throttled', httpStatus: 429 });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(delays(none(400, 10_000), 1, throttled)).toEqual([400]);
    expect(delays(none(10, 200), 1, throttled)).toEqual([200]);
  });

  it('a hint above the delay wins, uncapped and rounded up; a hint below it changes nothing', () => {
    expect(delays(none(100, 1_000), 1, failure({ retryAfterMs: 5_000.2 }))).toEqual([5_001]);
    expect(delays(none(100, 1_000), 1, failure({ retryAfterMs: 50 }))).toEqual([100]);
    expect(delays(none(100, 1_000), 1, failure({ retryAfterMs: 100 }))).toEqual([100]);
  });

  it('a throttling answer with a hint takes the hint, not the floor', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const throttled = failure({ reason: 'throttled', httpStatus: 429, retryAfterMs: 120 });
    expect(delays(none(100, 1_000), 1, throttled)).toEqual([120]);
  });

  it('rounds the backoff step to whole ms', () => {
    expect(retryDelay({ duration: 100.4 } as never, 1, failure(), none(100, 1_000))).toBe(100);
    expect(retryDelay({ duration: 100.6 } as never, 1, failure(), none(100, 1_000))).toBe(101);
    expect(retryDelay({ duration: -5 } as never, 1, failure(), none(100, 1_000))).toBe(0);
  });
});
