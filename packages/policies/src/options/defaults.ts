// The single source of every default; the README and docs are tested against it.

/**
 * Every default `wrapDependency` applies. Timeouts follow Polly's standard resilience handler (10 s per
 * attempt, 30 s in total); retries follow the SRE book (3 attempts) and Finagle/Envoy (a budget of 20 %, here earned by successes); the
 * breaker is consecutive because a Lambda instance rarely sees the 100 calls a sampling window needs.
 * `countBreaker`, `samplingBreaker`, `slowCall` and `bulkhead` hold the defaults applied when that kind or
 * feature is chosen.
 *
 * @example
 * ```ts
 * import { DEFAULT_DEPENDENCY_OPTIONS, wrapDependency } from '@bulwark/policies';
 * const patient = wrapDependency('reports', {
 *   timeout: { ...DEFAULT_DEPENDENCY_OPTIONS.timeout, attemptMs: 20_000 },
 * });
 * ```
 */
export const DEFAULT_DEPENDENCY_OPTIONS = {
  timeout: { attemptMs: 10_000, totalMs: 30_000 },
  retry: {
    maxAttempts: 3,
    backoff: { jitter: 'decorrelated', initialDelayMs: 200, maxDelayMs: 5_000, exponent: 2 },
    budget: { ratio: 0.2, minRetriesPerSecond: 1, windowMs: 10_000 },
  },
  breaker: {
    kind: 'consecutive',
    threshold: 5,
    halfOpenAfterMs: 5_000,
    halfOpenProbes: 1,
    halfOpenFailureRatio: 0,
    slowCall: false,
  },
  countBreaker: { failureRatio: 0.5, size: 100, minimumCalls: 100 },
  samplingBreaker: { failureRatio: 0.1, windowMs: 30_000, minimumCalls: 100 },
  slowCall: { rateThreshold: 1, minimumCalls: 10, windowSize: 100 },
  bulkhead: { queue: 0 },
  cooldown: { maxMs: 120_000 },
} as const;
