// Adaptive client-side throttling (opt-in), as Google's SRE book describes it ("Handling Overload",
// client-side throttling): over a trailing window each client counts `requests` (attempts it made, and
// calls it refused itself) and `accepts` (attempts the dependency did not answer with throttling), and
// refuses a new call locally with probability max(0, (requests - K x accepts) / (requests + 1)). While the
// dependency accepts everything the probability is 0; when it throttles, the client sends about K times
// what it accepts and recovers as accepts come back. Chosen over the AWS SDK's CUBIC bucket because it
// needs no clock-driven rate and keeps working with any mix of callers (one counter pair, no timer).
// https://sre.google/sre-book/handling-overload/#eq2101

import { DependencyDownError, MIN_RETRY_HINT_MS, optionError, readOptions } from '@bulwark/errors';
import { readNumber } from '../options/readNumber.js';
import { stackless } from '../pipeline/call.js';
import type { Gate } from '../pipeline/Gate.js';
import type { Telemetry } from '../telemetry/Telemetry.js';

/**
 * Adaptive client-side throttling (off by default).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * // Send at most about twice what the dependency accepted over the last 2 minutes while it throttles.
 * const edna = wrapDependency('edna', { adaptiveThrottle: { k: 2, windowMs: 120_000 } });
 * ```
 */
export interface AdaptiveThrottleOptions {
  /** K: how many requests per accepted one are still sent (>= 1, <= 10). Default 2 (the SRE book's). */
  readonly k?: number;
  /** The trailing window counted, in ms (>= 1 000, <= MAX_TIMER_MS). Default 120 000 (the SRE book's). */
  readonly windowMs?: number;
}

export interface NormalizedAdaptiveThrottle {
  readonly k: number;
  readonly windowMs: number;
}

const BUCKETS = 12;

export function normalizeAdaptiveThrottle(
  owner: string,
  value: unknown,
): NormalizedAdaptiveThrottle | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw optionError(owner, 'adaptiveThrottle', value, 'an object or false');
  }
  const a = readOptions(owner, value, ['k', 'windowMs'], 'adaptiveThrottle');
  return {
    k: readNumber(owner, 'adaptiveThrottle.k', a.k, 2, { min: 1, max: 10 }),
    windowMs: readNumber(owner, 'adaptiveThrottle.windowMs', a.windowMs, 120_000, {
      min: 1_000,
      duration: true,
    }),
  };
}

export class AdaptiveThrottle implements Gate {
  readonly #name: string;
  readonly #k: number;
  readonly #bucketMs: number;
  readonly #t: Telemetry;
  readonly #random: () => number;
  // A ring of buckets keyed by epoch (now / bucketMs): a bucket from an older epoch is stale and reused.
  readonly #requests = new Float64Array(BUCKETS);
  readonly #accepts = new Float64Array(BUCKETS);
  // Stryker disable next-line UnaryOperator: a bucket never written holds 0 requests and 0 accepts, so the epoch marking it adds nothing
  readonly #epochs = new Float64Array(BUCKETS).fill(-1);

  constructor(name: string, options: NormalizedAdaptiveThrottle, telemetry: Telemetry, random = Math.random) {
    this.#name = name;
    this.#k = options.k;
    this.#bucketMs = options.windowMs / BUCKETS;
    this.#t = telemetry;
    this.#random = random;
  }

  /** The probability that a call now is refused locally. */
  rejectProbability(now = Date.now()): number {
    const epoch = Math.floor(now / this.#bucketMs);
    let requests = 0;
    let accepts = 0;
    // Stryker disable next-line EqualityOperator: index BUCKETS is past the ring: undefined > n is false, so nothing is added
    for (let i = 0; i < BUCKETS; i++) {
      if (this.#epochs[i]! > epoch - BUCKETS) {
        requests += this.#requests[i]!;
        accepts += this.#accepts[i]!;
      }
    }
    return Math.max(0, (requests - this.#k * accepts) / (requests + 1));
  }

  admit(): DependencyDownError | undefined {
    const now = Date.now();
    const p = this.rejectProbability(now);
    if (p === 0 || this.#random() >= p) return undefined;
    this.#count(now, 0);
    const t = this.#t;
    t.rateLimited++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only skips building the event when nobody listens (emit to no listener is a no-op)
    if (t.rateLimitedE.size > 0) {
      t.rateLimitedE.emit({
        dependency: this.#name,
        retryAfterMs: MIN_RETRY_HINT_MS,
        by: 'adaptive-throttle',
      });
    }
    const dependency = this.#name;
    return stackless(
      () =>
        new DependencyDownError(`${dependency}: throttled locally while the dependency pushes back`, {
          dependency,
          reason: 'throttled',
          retryAfterMs: MIN_RETRY_HINT_MS,
        }),
    );
  }

  /** One attempt's outcome: accepted unless the dependency answered with throttling. */
  record(accepted: boolean, now = Date.now()): void {
    this.#count(now, accepted ? 1 : 0);
  }

  #count(now: number, accepts: number): void {
    const epoch = Math.floor(now / this.#bucketMs);
    const i = epoch % BUCKETS;
    if (this.#epochs[i] !== epoch) {
      this.#epochs[i] = epoch;
      this.#requests[i] = 0;
      this.#accepts[i] = 0;
    }
    this.#requests[i]! += 1;
    this.#accepts[i]! += accepts;
  }
}
