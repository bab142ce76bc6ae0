// Keeps an invocation inside its Lambda timeout: says whether one more unit of work fits, asks running work
// to stop when only the safety margin is left, and gives up on it at half the margin. A timed-out invocation
// redelivers the whole batch, successes included, so returning early with the rest reported is always better.

import { MAX_TIMER_MS } from '@bulwark/errors';

/** Anything that can say how long the invocation has left (a Lambda `Context` can). */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

export class DeadlineGuard implements RemainingTime {
  readonly #context: RemainingTime;
  readonly #safetyMarginMs: number;
  #longestMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(context: RemainingTime, safetyMarginMs: number, priorEstimateMs: number) {
    this.#context = context;
    this.#safetyMarginMs = safetyMarginMs;
    this.#longestMs = priorEstimateMs;
  }

  /** Milliseconds left before the safety margin: what work may still spend. */
  budgetMs(): number {
    return this.#context.getRemainingTimeInMillis() - this.#safetyMarginMs;
  }

  /** The budget, under the name `withDeadline` reads, so the guard itself bounds dependency calls. */
  getRemainingTimeInMillis(): number {
    return this.budgetMs();
  }

  /** The longest unit of work seen so far (or the estimate carried in). */
  get expectedMs(): number {
    return this.#longestMs;
  }

  /** True while the budget still covers the longest unit of work seen so far. */
  canStart(): boolean {
    const budget = this.budgetMs();
    return budget > 0 && budget >= this.#longestMs;
  }

  observe(durationMs: number): void {
    this.#longestMs = Math.max(this.#longestMs, durationMs);
  }

  /**
   * Two stops. At the end of the budget (the safety margin left) `onSoft` runs: work is asked to stop
   * (signals abort; dependency calls are already bounded to this point), so a record can still fail
   * properly (classified, its idempotency record released). At half the margin `onHard` runs: whatever
   * still runs is abandoned and the invocation returns. One timer at a time; `disarm()` clears it.
   */
  arm(onSoft: () => void, onHard: () => void): void {
    this.disarm();
    this.#timer = setTimeout(
      () => {
        this.#timer = setTimeout(onHard, this.#safetyMarginMs / 2);
        onSoft();
      },
      // Bounded: Node fires a delay above MAX_TIMER_MS after 1 ms.
      Math.min(MAX_TIMER_MS, Math.max(0, this.budgetMs())),
    );
  }

  disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * The context when it can say how long the invocation has left as a finite number; otherwise undefined:
 * no deadline known (a test double's NaN, a throwing getter), so no guard rather than "no time left".
 */
export function knownDeadline<T>(context: T): (T & RemainingTime) | undefined {
  try {
    // No context, or no getRemainingTimeInMillis function, throws a TypeError here: no deadline known either.
    const remainingMs = (context as RemainingTime).getRemainingTimeInMillis();
    return Number.isFinite(remainingMs) ? (context as T & RemainingTime) : undefined;
  } /* Stryker disable next-line BlockStatement: an emptied catch falls through to the same undefined */ catch {
    return undefined;
  }
}
