// How a call ended, as the duration metrics and the call's span name it. A call a fallback answered
// resolved, but the dependency failed: it is its own outcome, so a p99 of `success` never includes the
// fallback's fast answers and an alarm on failures cannot miss a dependency hidden behind a fallback.

import { isDependencyDownError } from '@bulwark/errors';

/**
 * How a call ended, the `outcome` dimension of `DependencyCallDuration` and the `bulwark.outcome` span
 * attribute: `success` (the dependency answered), `fallback` (the call failed and the fallback answered),
 * `refused` (rejected with a DependencyDownError: the circuit or a gate refused it), `failure` (any other
 * rejection).
 *
 * @example
 * ```ts
 * import type { CallOutcome } from '@bulwark/policies';
 * const alarmed: CallOutcome[] = ['failure', 'refused', 'fallback'];
 * ```
 */
export type CallOutcome = 'success' | 'fallback' | 'failure' | 'refused';

/** Told each call's duration (ms, monotonic clock) and outcome when the call settles. */
export type CallObserver = (durationMs: number, outcome: CallOutcome) => void;

/** The slot of a call's options where the fallback marks that it answered (only on observed calls). */
export const CALL_RECORD: unique symbol = Symbol('bulwark.callRecord');

/** What the pipeline tells the observers of one call beyond its settled value. */
export interface CallRecord {
  /** The error the fallback's answer replaced; `NOT_FALLEN_BACK` while none did. */
  replaced: unknown;
}

/** The value of `CallRecord.replaced` until a fallback answers (an error may be `undefined`). */
export const NOT_FALLEN_BACK: unique symbol = Symbol('bulwark.notFallenBack');

/** The outcome of a call that resolved. */
export const resolvedOutcome = (record: CallRecord): CallOutcome =>
  record.replaced === NOT_FALLEN_BACK ? 'success' : 'fallback';

/** The outcome of a call that rejected: refused (no attempt reached the dependency) or failure. */
export const rejectedOutcome = (error: unknown): CallOutcome =>
  isDependencyDownError(error) ? 'refused' : 'failure';
