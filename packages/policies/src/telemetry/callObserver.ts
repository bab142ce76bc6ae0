// How a call ended, as the duration metrics name it. A call a fallback answered resolved: it is a
// `success` here, and `DependencyFallback` counts it apart.

/**
 * How a call ended, the `outcome` dimension of `DependencyCallDuration`: `success` (the call resolved, a
 * fallback's answer included), `refused` (rejected with a DependencyDownError: the circuit or a gate refused
 * it), `failure` (any other rejection).
 *
 * @example
 * ```ts
 * import type { CallOutcome } from '@bulwark/policies';
 * const alarmed: CallOutcome[] = ['failure', 'refused'];
 * ```
 */
export type CallOutcome = 'success' | 'failure' | 'refused';

/** Told each call's duration (ms, monotonic clock) and outcome when the call settles. */
export type CallObserver = (durationMs: number, outcome: CallOutcome) => void;
