// What a caller may pass to `wrapDependency`. Every field is optional; defaults live in DEFAULT_DEPENDENCY_OPTIONS.

import type { Classification } from '@bulwark/errors';
import type { SharedBreakerState } from '../sharedState/SharedBreakerState.js';
import type { AdaptiveThrottleOptions } from '../stages/adaptiveThrottle.js';
import type { BreakDurationOptions } from '../stages/breakDuration.js';
import type { CooldownOptions } from '../stages/cooldown.js';
import type { RateLimitOptions } from '../stages/rateLimit.js';

/**
 * A deadline the call must finish by: an `AbortSignal` that fires at the deadline, an object with
 * Lambda's `getRemainingTimeInMillis()`, or a function returning the milliseconds left.
 *
 * @example
 * ```ts
 * import type { DeadlineSource } from '@bulwark/policies';
 * const fromLambda: DeadlineSource = { getRemainingTimeInMillis: () => 2_500 };
 * const fromSignal: DeadlineSource = AbortSignal.timeout(2_500);
 * ```
 */
export type DeadlineSource = AbortSignal | { getRemainingTimeInMillis(): number } | (() => number);

/**
 * Per-attempt and whole-call timeouts. Both are further bounded by any deadline in force.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { timeout: { attemptMs: 2_000, totalMs: 5_000 } });
 * ```
 */
export interface TimeoutOptions {
  /**
   * How long one attempt may take before its signal is aborted and the attempt fails as a transient timeout.
   * @defaultValue 10_000
   */
  readonly attemptMs?: number;
  /**
   * How long the whole call (every attempt and every backoff wait) may take. Must be >= `attemptMs`.
   * @defaultValue 30_000
   */
  readonly totalMs?: number;
}

/**
 * Exponential backoff between attempts, with jitter, capped at `maxDelayMs`.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { retry: { backoff: { jitter: 'full', initialDelayMs: 100, maxDelayMs: 2_000 } } });
 * ```
 */
export interface BackoffOptions {
  /**
   * `'decorrelated'` (Polly's DecorrelatedJitterV2, cockatiel's default), `'full'` (uniform in [0, base * exponent^n)),
   * or `'none'` (the plain exponential curve; only for tests and simulations).
   * @defaultValue 'decorrelated'
   */
  readonly jitter?: 'decorrelated' | 'full' | 'none';
  /**
   * The first delay's scale, in milliseconds.
   * @defaultValue 200
   */
  readonly initialDelayMs?: number;
  /**
   * The cap on any one delay, including a server's `Retry-After`.
   * @defaultValue 5_000
   */
  readonly maxDelayMs?: number;
  /**
   * The growth factor per attempt.
   * @defaultValue 2
   */
  readonly exponent?: number;
}

/**
 * A per-dependency retry budget: in any `windowMs`, retries may add at most `ratio` of the calls that
 * SUCCEEDED, but never fewer than `minRetriesPerSecond` (so that a quiet caller can still retry): retries
 * per window <= max(ratio x successful calls, minRetriesPerSecond x window seconds). A full outage earns
 * nothing, so retries fall to the floor; a mostly healthy dependency's failures are all retried. Kept
 * across calls (so across warm Lambda invocations). `false` turns it off.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { retry: { budget: { ratio: 0.2, minRetriesPerSecond: 2 } } });
 * ```
 */
export interface RetryBudgetOptions {
  /**
   * Retries earned per successful call, over the window (0.2 = at most 20 % extra load).
   * @defaultValue 0.2
   */
  readonly ratio?: number;
  /**
   * The floor: retries allowed per second however few calls are made.
   * @defaultValue 1
   */
  readonly minRetriesPerSecond?: number;
  /**
   * How far back "recent calls" reach.
   * @defaultValue 10_000
   */
  readonly windowMs?: number;
}

/**
 * Which failures are retried (only those `classify()` calls retryable), how often, and how far apart.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { retry: { maxAttempts: 4 } }); // 1 call + up to 3 retries
 * const once = wrapDependency('once', { retry: false });               // never retried
 * ```
 */
export interface RetryOptions {
  /**
   * TOTAL attempts, the first included: `3` means one call and up to two retries. (cockatiel's
   * `maxAttempts` counts retries only; this one does not.)
   * @defaultValue 3
   */
  readonly maxAttempts?: number;
  /** Delay between attempts. */
  readonly backoff?: BackoffOptions;
  /**
   * The retry budget, or `false` for none.
   * @defaultValue `{ ratio: 0.2, minRetriesPerSecond: 1, windowMs: 10_000 }`
   */
  readonly budget?: RetryBudgetOptions | false;
}

/**
 * The slow-call trigger (resilience4j's `slowCallDurationThreshold` + `slowCallRateThreshold`): the breaker
 * also opens when at least `rateThreshold` of the last `windowSize` calls took `durationMs` or longer, even
 * if they succeeded.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { breaker: { slowCall: { durationMs: 1_000, rateThreshold: 0.5 } } });
 * ```
 */
export interface SlowCallOptions {
  /** A call taking this long or longer is slow. Required. */
  readonly durationMs: number;
  /**
   * The share of slow calls, in (0, 1], that opens the breaker.
   * @defaultValue 1
   */
  readonly rateThreshold?: number;
  /**
   * Calls needed in the window before the rate is judged.
   * @defaultValue 10
   */
  readonly minimumCalls?: number;
  /**
   * The window: the last N calls.
   * @defaultValue 100
   */
  readonly windowSize?: number;
}

/**
 * What every breaker kind shares.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { breaker: { halfOpenAfterMs: 10_000, halfOpenProbes: 3 } });
 * ```
 */
export interface BreakerCommonOptions {
  /**
   * How long the circuit stays open before probes are let through (half-open).
   * @defaultValue 5_000
   */
  readonly halfOpenAfterMs?: number;
  /**
   * How many probe calls the half-open circuit lets through; later calls are rejected until they decide.
   * @defaultValue 1
   */
  readonly halfOpenProbes?: number;
  /**
   * The share of probes, in [0, 1), that may fail and still close the circuit (0: any failed probe reopens it).
   * @defaultValue 0
   */
  readonly halfOpenFailureRatio?: number;
  /**
   * The slow-call trigger, or `false` for none.
   * @defaultValue false
   */
  readonly slowCall?: SlowCallOptions | false;
  /**
   * Each failed half-open probe lengthens the next open period (exponential, capped, jittered); closing
   * resets it. `false`: every open period is `halfOpenAfterMs`.
   * @defaultValue false
   */
  readonly breakDuration?: BreakDurationOptions | false;
  /**
   * Shadow mode (resilience4j's METRICS_ONLY): the breaker computes and reports every transition
   * (`onBreak` with `shadow: true`, `onHalfOpen`, `onReset`, `state`) but never refuses a call, so new
   * thresholds can be watched in production before they are enforced. `isolate()` still refuses.
   * @defaultValue false
   */
  readonly shadow?: boolean;
}

/**
 * Opens after `threshold` counted failures in a row (cockatiel's `ConsecutiveBreaker`). The default kind: it
 * works at the low per-instance volume a Lambda function sees.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { breaker: { kind: 'consecutive', threshold: 3 } });
 * ```
 */
export interface ConsecutiveBreakerOptions extends BreakerCommonOptions {
  readonly kind?: 'consecutive';
  /**
   * Counted failures in a row that open the circuit.
   * @defaultValue 5
   */
  readonly threshold?: number;
}

/**
 * Opens when more than `failureRatio` of the last `size` calls failed (cockatiel's `CountBreaker`,
 * resilience4j's count-based window).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { breaker: { kind: 'count', failureRatio: 0.5, size: 20, minimumCalls: 10 } });
 * ```
 */
export interface CountBreakerOptions extends BreakerCommonOptions {
  readonly kind: 'count';
  /**
   * The failure share, in (0, 1), above which the circuit opens.
   * @defaultValue 0.5
   */
  readonly failureRatio?: number;
  /**
   * The window: the last N calls.
   * @defaultValue 100
   */
  readonly size?: number;
  /**
   * Calls needed in the window before the ratio is judged (at most `size`).
   * @defaultValue 100
   */
  readonly minimumCalls?: number;
}

/**
 * Opens when more than `failureRatio` of the calls in the last `windowMs` failed, once at least
 * `minimumCalls` were made in it (cockatiel's `SamplingBreaker`, Polly's advanced breaker).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { breaker: { kind: 'sampling', failureRatio: 0.1, windowMs: 30_000, minimumCalls: 100 } });
 * ```
 */
export interface SamplingBreakerOptions extends BreakerCommonOptions {
  readonly kind: 'sampling';
  /**
   * The failure share, in (0, 1), above which the circuit opens.
   * @defaultValue 0.1
   */
  readonly failureRatio?: number;
  /**
   * The sampling window. Must be >= 2 x `timeout.attemptMs` (Polly's rule).
   * @defaultValue 30_000
   */
  readonly windowMs?: number;
  /**
   * Calls needed in the window before the ratio is judged (Polly's MinimumThroughput).
   * @defaultValue 100
   */
  readonly minimumCalls?: number;
}

/**
 * One of the three breaker kinds; `kind` picks it (`'consecutive'` when left out).
 *
 * @example
 * ```ts
 * import type { BreakerOptions } from '@bulwark/policies';
 * const breaker: BreakerOptions = { kind: 'count', failureRatio: 0.5, size: 50 };
 * ```
 */
export type BreakerOptions = ConsecutiveBreakerOptions | CountBreakerOptions | SamplingBreakerOptions;

/**
 * A concurrency limit with a waiting queue (cockatiel's bulkhead). A call that finds both full fails
 * with `DependencyDownError` (reason `'bulkhead-full'`) without calling the dependency.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', { bulkhead: { limit: 10, queue: 20 } });
 * ```
 */
export interface BulkheadOptions {
  /** Calls allowed in flight at once. Required. */
  readonly limit: number;
  /**
   * Calls allowed to wait for a slot. A queued call still ends at its total timeout or deadline.
   * @defaultValue 0
   */
  readonly queue?: number;
}

/**
 * What `fallback` is told beside the error.
 *
 * @example
 * ```ts
 * import type { FallbackContext } from '@bulwark/policies';
 * const useCache = (_e: unknown, ctx: FallbackContext) => ctx.classification.kind === 'dependency-down';
 * ```
 */
export interface FallbackContext {
  /** The dependency's name. */
  readonly dependency: string;
  /** How the failure was classified. */
  readonly classification: Classification;
  /** Attempts that reached the dependency (0 when the circuit was open). */
  readonly attempts: number;
}

/**
 * The logger events are written to: Powertools `Logger` fits, as does `console`.
 *
 * @example
 * ```ts
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { wrapDependency, type DependencyLogger } from '@bulwark/policies';
 * const logger: DependencyLogger = new Logger({ serviceName: 'orders' });
 * const edna = wrapDependency('edna', { logger });
 * ```
 */
export interface DependencyLogger {
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
}

/**
 * The slice of Powertools `Metrics` used: `singleMetric()` (so each metric carries a `dependency`
 * dimension without touching the caller's dimensions) or, failing that, `addMetric`.
 *
 * @example
 * ```ts
 * import { Metrics } from '@aws-lambda-powertools/metrics';
 * import { wrapDependency, type DependencyMetrics } from '@bulwark/policies';
 * const metrics: DependencyMetrics = new Metrics({ namespace: 'orders' });
 * const edna = wrapDependency('edna', { metrics });
 * ```
 */
export interface DependencyMetrics {
  addMetric(name: string, unit: 'Count' | 'Milliseconds', value: number): unknown;
  singleMetric?(): {
    addDimension(name: string, value: string): unknown;
    addMetric(name: string, unit: 'Count' | 'Milliseconds', value: number): unknown;
  };
}

/**
 * Everything `wrapDependency(name, options)` accepts. `F` is what `fallback` may return instead.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', {
 *   timeout: { attemptMs: 2_000, totalMs: 6_000 },
 *   retry: { maxAttempts: 3, backoff: { jitter: 'full' } },
 *   breaker: { kind: 'consecutive', threshold: 5, halfOpenAfterMs: 10_000 },
 * });
 * ```
 */
export interface DependencyOptions<F = never> {
  /** Attempt and total timeouts. */
  readonly timeout?: TimeoutOptions;
  /** Retry settings, or `false` for a single attempt. */
  readonly retry?: RetryOptions | false;
  /**
   * The circuit breaker, or `false` for none.
   * @defaultValue `{ kind: 'consecutive', threshold: 5, halfOpenAfterMs: 5_000, halfOpenProbes: 1 }`
   */
  readonly breaker?: BreakerOptions | false;
  /**
   * A concurrency limit, or `false` for none.
   * @defaultValue false
   */
  readonly bulkhead?: BulkheadOptions | false;
  /**
   * Cooldown after pushback: after a 429 or AWS throttling with a Retry-After, every call holds until it
   * has passed (waiting within its own time, else refused with the remaining `retryAfterMs`), or `false`.
   * @defaultValue `{ maxMs: 120_000 }`
   */
  readonly cooldown?: CooldownOptions | false;
  /**
   * A token bucket per dependency (per process): calls wait for a token within their time, else are
   * refused with `retryAfterMs`. Size it as the dependency's quota divided by the instances running at once.
   * @defaultValue false
   */
  readonly rateLimit?: RateLimitOptions | false;
  /**
   * Adaptive client-side throttling (Google SRE): while the dependency throttles, refuse calls locally with
   * probability max(0, (requests - k x accepts) / (requests + 1)) over the trailing `windowMs`.
   * @defaultValue false
   */
  readonly adaptiveThrottle?: AdaptiveThrottleOptions | false;
  /**
   * Called with the final error (never with the caller's own cancellation); its value is returned instead.
   * Rethrow what you do not want to mask.
   * @defaultValue undefined (no fallback)
   */
  readonly fallback?: (error: unknown, context: FallbackContext) => F | Promise<F>;
  /** A deadline bounding every call of this dependency (combined with `withDeadline` and per-call signals). */
  readonly deadline?: DeadlineSource;
  /** Fleet-wide breaker state (e.g. `ssmBreakerState`); read on every call, never blocking after the first. */
  readonly sharedState?: SharedBreakerState;
  /**
   * Where events are logged, or `false` for nowhere.
   * @defaultValue a Powertools `Logger` (service name from `POWERTOOLS_SERVICE_NAME`, else `'bulwark'`)
   */
  readonly logger?: DependencyLogger | false;
  /**
   * Where event counts go (Powertools `Metrics`).
   * @defaultValue undefined (no metrics)
   */
  readonly metrics?: DependencyMetrics;
  /**
   * Decides what is retried and what counts against the breaker.
   * @defaultValue `classify` from `@bulwark/errors`
   */
  readonly classify?: (error: unknown) => Classification;
}
