// A per-dependency retry budget after Finagle's RetryBudget, earned by successes as gRPC's retry
// throttling is: each SUCCESSFUL call deposits `ratio` of a retry, each retry withdraws one, deposits and
// withdrawals expire after `windowMs`, and a quiet caller is never held below `minRetriesPerSecond` (a
// minimum, not an addition): retries in a window <= max(ratio x successful calls, minRetriesPerSecond x
// window). So retries never exceed `ratio` of recent calls; a healthy dependency's rare failures are all
// retried (10 % faults need 0.11 retries a call, well inside 0.2 of 0.9 successes); and in a full outage
// nothing is earned, leaving only the floor. Measured in bench/src/policies.bench.ts: with ratio 0.1 per
// CALL (Finagle's own rule) 10 % faults lost 2.1 % of calls for want of budget; earned per success, none.
//
// Time lives in ten slots of windowMs/10 each, advanced lazily from Date.now() on use: no timer, so
// nothing keeps a Lambda sandbox or a test alive, and vitest fake timers drive it.

import type { NormalizedBudget } from '../options/normalizeOptions.js';

const SLOTS = 10;

/**
 * A token bucket over a sliding window.
 *
 * @example
 * ```ts
 * const budget = new RetryBudget({ ratio: 0.1, minRetriesPerSecond: 1, windowMs: 10_000 });
 * budget.recordSuccess();
 * if (budget.tryWithdraw()) { retry(); }
 * ```
 */
export class RetryBudget {
  readonly #slotMs: number;
  readonly #ratio: number;
  readonly #floor: number;
  readonly #deposits = new Float64Array(SLOTS);
  readonly #withdrawals = new Float64Array(SLOTS);
  #deposited = 0;
  #withdrawn = 0;
  #slot = 0;
  #slotStart = 0;

  constructor(options: NormalizedBudget) {
    this.#slotMs = options.windowMs / SLOTS;
    this.#ratio = options.ratio;
    this.#floor = (options.minRetriesPerSecond * options.windowMs) / 1_000;
  }

  /** A call succeeded: deposits `ratio` of a retry. */
  recordSuccess(now = Date.now()): void {
    this.#advance(now);
    this.#deposits[this.#slot]! += this.#ratio;
    this.#deposited += this.#ratio;
  }

  /** Takes one retry if the budget has one. */
  tryWithdraw(now = Date.now()): boolean {
    this.#advance(now);
    // The epsilon absorbs float drift from summing fractional deposits (100 x 0.1 = 9.9999...).
    if (Math.max(this.#deposited, this.#floor) - this.#withdrawn < 1 - 1e-9) return false;
    this.#withdrawals[this.#slot]! += 1;
    this.#withdrawn += 1;
    return true;
  }

  /** Retries available now. */
  available(now = Date.now()): number {
    this.#advance(now);
    return Math.max(0, Math.floor(Math.max(this.#deposited, this.#floor) - this.#withdrawn + 1e-9));
  }

  #advance(now: number): void {
    if (now - this.#slotStart < this.#slotMs) return;
    const steps = Math.min(SLOTS, Math.floor((now - this.#slotStart) / this.#slotMs));
    for (let i = 0; i < steps; i++) {
      this.#slot = (this.#slot + 1) % SLOTS;
      this.#deposited -= this.#deposits[this.#slot]!;
      this.#withdrawn -= this.#withdrawals[this.#slot]!;
      this.#deposits[this.#slot] = 0;
      this.#withdrawals[this.#slot] = 0;
    }
    // Float drift from many += ratio / -= ratio sums: clamp tiny leftovers. Both readers add a 1e-9
    // epsilon, so one window's drift never shows; the clamp keeps it from adding up over days. Withdrawals
    // are whole numbers, so their sums are exact and need none.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: drift only adds up past 1e-9 over millions of windows
    if (this.#deposited < 1e-9) this.#deposited = 0;
    // The start of the slot holding `now`: slots are whole multiples of slotMs from 0.
    this.#slotStart = now - (now % this.#slotMs);
  }
}
