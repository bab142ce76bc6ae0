// resilience4j's slow-call-rate trigger, which cockatiel lacks, as a cockatiel IBreaker around the real one.
// cockatiel opens a circuit only from IBreaker.failure(), and calls it only for a handled failure; a slow
// call that succeeded is neither. So the chain records each call's duration here, and when the slow rate
// crosses the threshold it sets `tripPending`; the policy's result filter (`orWhenResult`) then reports
// that one result as a failure, cockatiel calls failure(), and this returns true: the circuit opens and
// the caller still gets its value. No timer, no extra promise: one branch per call.

import type { CircuitState, IBreaker } from 'cockatiel';
import type { NormalizedSlowCall } from '../options/normalizeOptions.js';

/**
 * Wraps a cockatiel breaker so a high share of slow calls opens it too.
 *
 * @example
 * ```ts
 * const breaker = new SlowCallBreaker(new ConsecutiveBreaker(5), { durationMs: 1_000, rateThreshold: 0.5, minimumCalls: 10, windowSize: 100 });
 * ```
 */
export class SlowCallBreaker implements IBreaker {
  /** Set by `record` when this call's result must open the circuit. */
  tripPending = false;
  #tripping = false;
  /** What opened the circuit last. */
  // Stryker disable next-line StringLiteral: failure() sets it before any break reads it
  lastTrigger: 'failures' | 'slow-calls' = 'failures';
  readonly #inner: IBreaker;
  readonly #options: NormalizedSlowCall;
  readonly #window: Uint8Array;
  #next = 0;
  #filled = 0;
  #slow = 0;

  constructor(inner: IBreaker, options: NormalizedSlowCall) {
    this.#inner = inner;
    this.#options = options;
    this.#window = new Uint8Array(options.windowSize);
  }

  get state(): unknown {
    return this.#inner.state;
  }

  set state(value: unknown) {
    this.#inner.state = value;
  }

  /** Records one call's duration; `halfOpen` makes a single slow probe enough to reopen. */
  record(durationMs: number, halfOpen: boolean): void {
    this.tripPending = false;
    this.#tripping = false;
    const slow = durationMs >= this.#options.durationMs ? 1 : 0;
    if (halfOpen) {
      if (slow) this.tripPending = true;
      return;
    }
    if (this.#filled < this.#window.length) this.#filled++;
    else this.#slow -= this.#window[this.#next]!;
    this.#window[this.#next] = slow;
    this.#slow += slow;
    this.#next = (this.#next + 1) % this.#window.length;
    if (
      slow &&
      this.#filled >= this.#options.minimumCalls &&
      this.#slow >= this.#options.rateThreshold * this.#filled
    ) {
      this.tripPending = true;
    }
  }

  /** The policy's result filter: true (once) when this result must count as a failure. */
  takeTrip(): boolean {
    if (!this.tripPending) return false;
    this.tripPending = false;
    this.#tripping = true;
    return true;
  }

  /** Forgets every sample (on open and on close, as resilience4j does on a transition). */
  clear(): void {
    // Stryker disable next-line CallExpression: with #filled at 0, every slot is written again before the window reads it (it subtracts only once full)
    this.#window.fill(0);
    this.#next = 0;
    this.#filled = 0;
    this.#slow = 0;
    this.tripPending = false;
    this.#tripping = false;
  }

  success(state: CircuitState): void {
    this.#inner.success(state);
  }

  failure(state: CircuitState): boolean {
    if (this.tripPending || this.#tripping) {
      this.tripPending = false;
      this.#tripping = false;
      this.lastTrigger = 'slow-calls';
      return true;
    }
    this.lastTrigger = 'failures';
    return this.#inner.failure(state);
  }
}
