// The bulkhead (cockatiel's): at most `limit` calls in flight and `queue` waiting. A queued call's wait
// counts against its total timeout and deadline and ends with the caller's signal; a full bulkhead
// refuses at once with a DependencyDownError ('bulkhead-full').

import { DependencyDownError } from '@bulwark/errors';
import { type BulkheadPolicy, bulkhead, isBulkheadRejectedError, isTaskCancelledError } from 'cockatiel';
import { type Bounds, type InternalOptions, stackless } from '../pipeline/call.js';
import type { Outcome } from '../pipeline/Outcome.js';

export class BulkheadStage<F> {
  readonly #name: string;
  readonly #policy: BulkheadPolicy;
  readonly #outcome: Outcome<F>;
  readonly #abortReason: unknown;

  constructor(name: string, limit: number, queue: number, outcome: Outcome<F>, abortReason: unknown) {
    this.#name = name;
    this.#policy = bulkhead(limit, queue);
    this.#outcome = outcome;
    this.#abortReason = abortReason;
  }

  /** Runs `next` (the rest of the chain) once a slot is free, within the call's bounds. */
  async run<T>(
    next: () => Promise<T | F>,
    options: InternalOptions<T> | undefined,
    start: number,
    bounds: Bounds,
  ): Promise<T | F> {
    const policy = this.#policy;
    if (policy.executionSlots > 0) return policy.execute(next);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the fast path for a full queue; without it cockatiel's own BulkheadRejectedError below gives the same refusal
    if (policy.queueSlots <= 0) return this.#outcome.refuse(this.#fullError(), options);
    const controller = new AbortController();
    // Ref'd: a queued call is in flight, and its timeout must fire even if nothing else keeps Node alive.
    const timer = setTimeout(() => controller.abort(this.#abortReason), Math.max(0, bounds.endAt - start));
    // Stryker disable next-line OptionalChaining: forward only runs as the listener of options.signal, so both exist
    const forward = (): void => controller.abort(options?.signal?.reason);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: the finally below removes the listener either way
    options?.signal?.addEventListener('abort', forward, { once: true });
    try {
      return await new Promise<T | F>((resolve, reject) => {
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: a local controller aborts at most once
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
        policy.execute(next, controller.signal).then(resolve, reject);
      });
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: the queueSlots check above refuses first (execute() queues in the same tick); kept for a cockatiel that rejects anyway
      if (isBulkheadRejectedError(error)) return this.#outcome.refuse(this.#fullError(), options);
      if (error === this.#abortReason || isTaskCancelledError(error)) {
        // Stryker disable next-line ConditionalExpression: only when the timer and the caller's abort land in one tick; the abort listener above already rejects with the caller's reason
        if (options?.signal?.aborted) throw options.signal.reason;
        const outcome = this.#outcome;
        return outcome.fail(outcome.timeoutError(0, bounds.endKind, undefined), 0, options);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      options?.signal?.removeEventListener('abort', forward);
    }
  }

  #fullError(): DependencyDownError {
    const dependency = this.#name;
    return stackless(
      () => new DependencyDownError(`${dependency}: bulkhead full`, { dependency, reason: 'bulkhead-full' }),
    );
  }
}
