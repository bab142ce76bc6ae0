// What a caller may pass to `wrapDependency`. Every field is optional; defaults live in DEFAULT_DEPENDENCY_OPTIONS.

import type { Classification } from '@bulwark/errors';
import type { SharedBreakerState } from '../sharedState/SharedBreakerState.js';
import type { AdaptiveThrottleOptions } from '../stages/adaptiveThrottle.js';
import type { CooldownOptions } from '../stages/cooldown.js';
import type { RateLimitOptions } from '../stages/rateLimit.js';
import type { BreakerOptions } from './BreakerOptions.js';

export type {
  BreakerCommonOptions,
  BreakerOptions,
  ConsecutiveBreakerOptions,
  CountBreakerOptions,
  SamplingBreakerOptions,
  SlowCallOptions,
} from './BreakerOptions.js';

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
