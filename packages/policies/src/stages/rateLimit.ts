// Rate limiter: a token bucket per dependency (per process), as Polly's RateLimiter strategy,
// resilience4j's RateLimiter and bottleneck. `perSecond` tokens a second, at most `burst` saved up. A call
// takes one token before its first attempt (retries are bounded by the retry budget instead): when none is
// left it waits for the next one if that fits both `maxWaitMs` and half the call's remaining time, and is
// otherwise refused at once with a DependencyDownError ('throttled', retryAfterMs = the wait): HTTP 503,
// never 401/403, never counted toward the breaker. Each instance of a fleet has its own bucket: size it
// as the dependency's quota divided by the instances expected at once.
//
// The bucket is kept as GCRA (the generic cell rate algorithm): one number, the theoretical arrival time
// of the next call, so taking a token or reserving a future one is O(1) and needs no timer.

import {
  clampRetryAfterMs,
  DependencyDownError,
  MAX_TIMER_MS,
  optionError,
  readOptions,
} from '@bulwark/errors';
import { readNumber } from '../options/readNumber.js';
import { type Bounds, type InternalOptions, stackless } from '../pipeline/call.js';
import { holdThen } from '../pipeline/holdThen.js';
import type { Outcome } from '../pipeline/Outcome.js';
import type { Telemetry } from '../telemetry/Telemetry.js';

/**
 * A token bucket per dependency (off by default).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * // A 500 req/s quota shared by about 10 instances at once: 45/s each, bursts of 10, wait at most 1 s.
 * const edna = wrapDependency('edna', { rateLimit: { perSecond: 45, burst: 10, maxWaitMs: 1_000 } });
 * ```
 */
export interface RateLimitOptions {
  /** Tokens added per second (> 0, <= 1 000 000). Required. */
  readonly perSecond: number;
  /** Tokens saved up at most: calls that may go at once after a quiet spell (integer >= 1). Default 1. */
  readonly burst?: number;
  /** The longest a call waits for a token, in ms (>= 0). Default: as long as the call's own time allows. */
  readonly maxWaitMs?: number;
}

export interface NormalizedRateLimit {
  readonly perSecond: number;
  readonly burst: number;
  readonly maxWaitMs: number;
}

export function normalizeRateLimit(owner: string, value: unknown): NormalizedRateLimit | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw optionError(owner, 'rateLimit', value, 'an object or false');
  }
  const r = readOptions(owner, value, ['perSecond', 'burst', 'maxWaitMs'], 'rateLimit');
  if (r.perSecond === undefined) {
    throw optionError(owner, 'rateLimit.perSecond', undefined, 'given (tokens per second, > 0)');
  }
  return {
    perSecond: readNumber(owner, 'rateLimit.perSecond', r.perSecond, 0, {
      min: 0,
      minExclusive: true,
      max: 1_000_000,
    }),
    burst: readNumber(owner, 'rateLimit.burst', r.burst, 1, { min: 1, max: 1_000_000, integer: true }),
    maxWaitMs: readNumber(owner, 'rateLimit.maxWaitMs', r.maxWaitMs, MAX_TIMER_MS, {
      min: 0,
      duration: true,
    }),
  };
}

export class RateLimitStage {
  readonly #name: string;
  readonly #intervalMs: number;
  readonly #toleranceMs: number;
  readonly #maxWaitMs: number;
  readonly #t: Telemetry;
  /** GCRA's theoretical arrival time: when the bucket would be empty again at the configured rate. */
  #tat = 0;

  constructor(name: string, options: NormalizedRateLimit, telemetry: Telemetry) {
    this.#name = name;
    this.#intervalMs = 1_000 / options.perSecond;
    this.#toleranceMs = (options.burst - 1) * this.#intervalMs;
    this.#maxWaitMs = options.maxWaitMs;
    this.#t = telemetry;
  }

  /**
   * Takes a token for a call at `now` that must send its attempt by `latest`: 0 when one is free now, the
   * wait in ms when a later one is reserved for it, or -(the wait) when it cannot wait that long (nothing
   * is taken).
   */
  take(now: number, latest: number): number {
    const tat = Math.max(this.#tat, now);
    const waitMs = Math.ceil(tat - this.#toleranceMs - now);
    // Stryker disable next-line EqualityOperator: a wait of 0 takes the path below to the same tat and the same 0
    if (waitMs <= 0) {
      this.#tat = tat + this.#intervalMs;
      return 0;
    }
    if (waitMs > this.#maxWaitMs || now + waitMs > latest) return -waitMs;
    this.#tat = tat + this.#intervalMs;
    return waitMs;
  }

  /** Refuses (no token in time) or waits for the reserved token, then runs `next`. */
  limit<T, F>(
    waitMs: number,
    bounds: Bounds,
    options: InternalOptions<T> | undefined,
    outcome: Outcome<F>,
    next: () => Promise<T | F>,
  ): Promise<T | F> {
    const t = this.#t;
    // Stryker disable next-line EqualityOperator: limit() is only called with a wait that is not 0
    if (waitMs < 0) {
      t.rateLimited++;
      const retryAfterMs = clampRetryAfterMs(-waitMs, 1_000);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: only skips building the event when nobody listens (emit to no listener is a no-op)
      if (t.rateLimitedE.size > 0)
        t.rateLimitedE.emit({ dependency: this.#name, retryAfterMs, by: 'rate-limit' });
      return outcome.refusal(this.#refusal(retryAfterMs), options);
    }
    t.held++;
    return holdThen(waitMs, bounds, options, outcome, next);
  }

  #refusal(retryAfterMs: number): DependencyDownError {
    const dependency = this.#name;
    return stackless(
      () =>
        new DependencyDownError(`${dependency}: rate limit reached`, {
          dependency,
          reason: 'throttled',
          retryAfterMs,
        }),
    );
  }
}
