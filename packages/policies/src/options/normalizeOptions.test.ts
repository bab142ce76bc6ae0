import { describe, expect, it } from 'vitest';
import type { DependencyOptions } from './DependencyOptions.js';
import { DEFAULT_DEPENDENCY_OPTIONS } from './defaults.js';
import { normalizeOptions } from './normalizeOptions.js';

describe('normalizeOptions', () => {
  it('applies DEFAULT_DEPENDENCY_OPTIONS when nothing is given', () => {
    // Act
    const o = normalizeOptions('edna');
    // Assess
    expect(o).toMatchObject({
      attemptMs: DEFAULT_DEPENDENCY_OPTIONS.timeout.attemptMs,
      totalMs: DEFAULT_DEPENDENCY_OPTIONS.timeout.totalMs,
      maxAttempts: DEFAULT_DEPENDENCY_OPTIONS.retry.maxAttempts,
      backoff: DEFAULT_DEPENDENCY_OPTIONS.retry.backoff,
      budget: DEFAULT_DEPENDENCY_OPTIONS.retry.budget,
      breaker: {
        kind: 'consecutive',
        threshold: DEFAULT_DEPENDENCY_OPTIONS.breaker.threshold,
        halfOpenAfterMs: DEFAULT_DEPENDENCY_OPTIONS.breaker.halfOpenAfterMs,
        halfOpenProbes: DEFAULT_DEPENDENCY_OPTIONS.breaker.halfOpenProbes,
        halfOpenFailureRatio: DEFAULT_DEPENDENCY_OPTIONS.breaker.halfOpenFailureRatio,
        slowCall: undefined,
      },
      bulkhead: undefined,
    });
  });

  it.each([
    ['count', { kind: 'count' }, DEFAULT_DEPENDENCY_OPTIONS.countBreaker],
    ['sampling', { kind: 'sampling' }, DEFAULT_DEPENDENCY_OPTIONS.samplingBreaker],
  ] as const)('fills the %s breaker from its defaults', (_kind, breaker, defaults) => {
    // Act
    const o = normalizeOptions('edna', { breaker });
    // Assess
    expect(o.breaker).toMatchObject(defaults);
  });

  it('fills slowCall from its defaults', () => {
    // Act
    const o = normalizeOptions('edna', { breaker: { slowCall: { durationMs: 500 } } });
    // Assess
    expect(o.breaker?.slowCall).toEqual({ durationMs: 500, ...DEFAULT_DEPENDENCY_OPTIONS.slowCall });
  });

  it.each<[string, unknown, DependencyOptions<unknown> | undefined, RegExp]>([
    ['an empty name', '', undefined, /name must be a non-empty string, got ""/],
    [
      'a negative attemptMs',
      'edna',
      { timeout: { attemptMs: -1 } },
      /timeout\.attemptMs must be a finite number of ms >= 1 and <= 2147483647, got -1/,
    ],
    [
      'attemptMs above totalMs',
      'edna',
      { timeout: { attemptMs: 5_000, totalMs: 1_000 } },
      /timeout\.attemptMs must be <= timeout\.totalMs \(1000\), got 5000/,
    ],
    [
      'a fractional maxAttempts',
      'edna',
      { retry: { maxAttempts: 2.5 } },
      /retry\.maxAttempts must be an integer >= 1 and <= 10, got 2\.5/,
    ],
    ['maxAttempts 0', 'edna', { retry: { maxAttempts: 0 } }, /retry\.maxAttempts .* got 0/],
    [
      'an unknown jitter',
      'edna',
      { retry: { backoff: { jitter: 'equal' as never } } },
      /retry\.backoff\.jitter must be 'decorrelated', 'full' or 'none', got "equal"/,
    ],
    [
      'initialDelayMs above maxDelayMs',
      'edna',
      { retry: { backoff: { initialDelayMs: 500, maxDelayMs: 100 } } },
      /retry\.backoff\.initialDelayMs must be <= retry\.backoff\.maxDelayMs \(100\), got 500/,
    ],
    [
      'backoff that cannot fit the total timeout',
      'edna',
      {
        timeout: { attemptMs: 1_000, totalMs: 2_000 },
        retry: { maxAttempts: 4, backoff: { initialDelayMs: 1_000, maxDelayMs: 1_000 } },
      },
      /retry\.maxAttempts must be few enough that the summed backoff \(3000 ms over 3 waits, from retry\.backoff\) is < timeout\.totalMs \(2000\), got 4/,
    ],
    [
      'a negative budget ratio',
      'edna',
      { retry: { budget: { ratio: -0.1 } } },
      /retry\.budget\.ratio must be a finite number >= 0 and <= 1000, got -0\.1/,
    ],
    [
      'an unknown breaker kind',
      'edna',
      { breaker: { kind: 'magic' as never } },
      /breaker\.kind must be 'consecutive', 'count' or 'sampling', got "magic"/,
    ],
    [
      'a zero threshold',
      'edna',
      { breaker: { threshold: 0 } },
      /breaker\.threshold must be an integer >= 1 and <= 1000000, got 0/,
    ],
    [
      'a failure ratio of 1',
      'edna',
      { breaker: { kind: 'count', failureRatio: 1 } },
      /breaker\.failureRatio must be a finite number > 0 and < 1, got 1/,
    ],
    [
      'minimumCalls above size',
      'edna',
      { breaker: { kind: 'count', size: 10, minimumCalls: 20 } },
      /breaker\.minimumCalls must be an integer >= 1 and <= breaker\.size \(10\), got 20/,
    ],
    [
      'a sampling window under 2 x attemptMs',
      'edna',
      { timeout: { attemptMs: 10_000 }, breaker: { kind: 'sampling', windowMs: 15_000 } },
      /breaker\.windowMs must be >= 2 x timeout\.attemptMs \(20000\), got 15000/,
    ],
    [
      'zero half-open probes',
      'edna',
      { breaker: { halfOpenProbes: 0 } },
      /breaker\.halfOpenProbes must be an integer >= 1 and <= 1000, got 0/,
    ],
    [
      'a slow-call duration missing',
      'edna',
      { breaker: { slowCall: {} as never } },
      /breaker\.slowCall\.durationMs must be given \(the slow-call threshold, in ms\), got undefined/,
    ],
    [
      'a slow-call duration at the attempt timeout',
      'edna',
      { timeout: { attemptMs: 1_000 }, breaker: { slowCall: { durationMs: 1_000 } } },
      /breaker\.slowCall\.durationMs must be < timeout\.attemptMs \(1000\), got 1000/,
    ],
    [
      'a bulkhead without limit',
      'edna',
      { bulkhead: {} as never },
      /bulkhead\.limit must be given \(calls in flight at once\), got undefined/,
    ],
    [
      'a non-function fallback',
      'edna',
      { fallback: 'cached' as never },
      /fallback must be a function, got "cached"/,
    ],
    [
      'a deadline number',
      'edna',
      { deadline: 5_000 as never },
      /deadline must be an AbortSignal, .* got 5000/,
    ],
    [
      'a sharedState without ready()',
      'edna',
      { sharedState: { current: () => undefined } as never },
      /sharedState must be a SharedBreakerState/,
    ],
    [
      'a logger without warn()',
      'edna',
      { logger: { info() {} } as never },
      /logger must be a logger with info\(\) and warn\(\), or false/,
    ],
    [
      'a breaker string',
      'edna',
      { breaker: 'consecutive' as never },
      /breaker must be an object or false, got "consecutive"/,
    ],
  ])('rejects %s with a TypeError naming the field and value', (_label, name, options, message) => {
    // Act + Assess
    expect(() => normalizeOptions(name, options)).toThrow(TypeError);
    expect(() => normalizeOptions(name, options)).toThrow(message);
  });

  it('turns retry: false into one attempt and no budget', () => {
    // Act
    const o = normalizeOptions('edna', { retry: false });
    // Assess
    expect([o.maxAttempts, o.budget]).toEqual([1, undefined]);
  });
});
