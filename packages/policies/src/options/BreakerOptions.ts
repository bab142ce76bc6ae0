// The circuit breaker's options: the three kinds (consecutive, count, sampling), what they share, and the
// slow-call rule.

import type { BreakDurationOptions } from '../stages/breakDuration.js';

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
