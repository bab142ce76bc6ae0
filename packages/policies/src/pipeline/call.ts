// The per-call context every stage shares: the caller's options, the call's bounds (when it must end and
// which signals can end it early), and the small helpers for ending a call without a stack or a timer.
// Nothing here knows what a breaker or a retry is.

import type { ExecuteOptions } from '../Dependency.js';
import type { SINGLE_ATTEMPT } from '../options/singleAttempt.js';
import type { CALL_RECORD, CallRecord } from '../telemetry/callObserver.js';
import { type CallState, Interrupted } from '../timeout/runAttempt.js';

/** The options a call carries through the stages (the fetch adapter adds the single-attempt mark). */
export interface InternalOptions<T> extends ExecuteOptions<T> {
  /** A request body that cannot be replayed allows one attempt only. */
  readonly [SINGLE_ATTEMPT]?: true;
  /** Present on observed calls (metrics or tracing): the fallback marks here that it answered. */
  [CALL_RECORD]?: CallRecord;
}

/** When a call must end (total timeout or the nearest deadline), and which signals can end it early. */
export interface Bounds {
  endAt: number;
  endKind: 'total' | 'deadline';
  signals: AbortSignal[] | undefined;
}

/** A running call: what interrupts its current attempt or wait, and how to stop listening to its signals. */
export interface CallRun extends CallState {
  unlisten: (() => void) | undefined;
}

/** Errors on the fast paths carry no stack: it would only point into the chain, and costs ~2 µs. */
export function stackless<E extends Error>(make: () => E): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export const SETTLED = Promise.resolve();

/**
 * A promise that rejects with `error` one microtask from now, once the caller has attached its handler
 * (`await`, `.catch`). `Promise.reject` would enter Node's unhandled-rejection tracking (a hook into JS, a
 * map entry) and the late handler would take it out again: ~0.5-1 µs here, more than the rest of the
 * refusal. A promise nobody handles still rejects unhandled, as before.
 */
export function rejectSoon<T>(error: unknown): Promise<T> {
  return new Promise<T>((_, reject) => {
    SETTLED.then(() => reject(error));
  });
}

/**
 * The latest a call that started waiting at `now` may send its first attempt: a wait (cooldown, rate
 * limit) takes at most half of what is left, so the attempt keeps the other half. Without this, a queue of
 * waiting calls is sent just before each one's end, only to time out.
 */
export function latestStart(now: number, endAt: number): number {
  return now + (endAt - now) / 2;
}

/** Ends the call early when the caller's signal or a deadline signal fires. */
export function listen(
  call: CallRun,
  callerSignal: AbortSignal | undefined,
  deadlines: AbortSignal[] | undefined,
): void {
  const listeners: [AbortSignal, () => void][] = [];
  const add = (signal: AbortSignal, kind: 'cancel' | 'deadline'): void => {
    const onAbort = (): void => {
      if (call.stopped) return;
      call.stopped = new Interrupted(kind, signal.reason);
      call.interrupt?.(call.stopped);
    };
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: unlisten() removes the listener either way, and a signal aborts once
    signal.addEventListener('abort', onAbort, { once: true });
    listeners.push([signal, onAbort]);
  };
  if (callerSignal !== undefined) add(callerSignal, 'cancel');
  // Stryker disable next-line ConditionalExpression: an aborted signal never fires again, and unlisten() removes its listener either way
  if (deadlines !== undefined) for (const s of deadlines) if (!s.aborted) add(s, 'deadline');
  call.unlisten = () => {
    for (const [s, l] of listeners) s.removeEventListener('abort', l);
  };
}

/** A wait, cut short (rejecting with the Interrupted) if the caller aborts or a deadline fires. */
export function sleep(ms: number, call: CallState): Promise<void> {
  // Stryker disable next-line ConditionalExpression: no caller sleeps after a stop (the retry loop checks call.stopped first, an aborted deadline signal is in the bounds); kept for safety
  if (call.stopped) return Promise.reject(call.stopped);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      call.interrupt = undefined;
      resolve();
    }, ms);
    call.interrupt = (why) => {
      clearTimeout(timer);
      call.interrupt = undefined;
      reject(why);
    };
  });
}
