// A gate that makes a call wait (a cooldown after pushback, a rate limiter's reserved token) holds it the
// same way: for `waitMs`, cut short by the caller's signal (the call ends with its reason) or a deadline
// signal (the call ends as a timeout), then the rest of the chain runs.

import type { Interrupted } from '../timeout/runAttempt.js';
import { type Bounds, type CallRun, type InternalOptions, listen, sleep } from './call.js';
import type { Outcome } from './Outcome.js';

/** Waits `waitMs` within the call's signals, then runs `next`. */
export function holdThen<T, F>(
  waitMs: number,
  bounds: Bounds,
  options: InternalOptions<T> | undefined,
  outcome: Outcome<F>,
  next: () => Promise<T | F>,
): Promise<T | F> {
  // Stryker disable next-line ObjectLiteral: the same three keys read as undefined either way; listing them only keeps one object shape
  const call: CallRun = { interrupt: undefined, stopped: undefined, unlisten: undefined };
  const signal = options?.signal;
  // Stryker disable next-line ConditionalExpression: with no signal, listen() adds no listener and its unlisten() removes none; the check only saves that
  if (signal !== undefined || bounds.signals !== undefined) listen(call, signal, bounds.signals);
  return sleep(waitMs, call).then(
    () => {
      call.unlisten?.();
      return next();
    },
    (why: unknown) => {
      // Stryker disable next-line OptionalChaining: sleep only rejects through a signal listen() registered, so unlisten is set here
      call.unlisten?.();
      const stop = why as Interrupted;
      if (stop.kind === 'cancel') throw outcome.cancelled(stop.reason);
      return outcome.fail(outcome.timeoutError(0, stop.kind, undefined), 0, options);
    },
  );
}
