// One observed call: timed for the duration metric and, when an SDK is registered, run inside its span.
// Observed calls carry a record the fallback marks, so a call it answered is not counted a success; the
// caller's options stay untouched (and are not read again) behind the record's prototype link.

import type { InternalOptions } from '../pipeline/call.js';
import {
  CALL_RECORD,
  type CallObserver,
  type CallRecord,
  NOT_FALLEN_BACK,
  rejectedOutcome,
  resolvedOutcome,
} from './callObserver.js';
import type { OtelRecorder } from './otel.js';

/** Runs `run` with the call's options (plus its record), traced by `otel` and timed for `observer`. */
export function observeCall<T, O extends InternalOptions<unknown>>(
  run: (options: O) => Promise<T>,
  options: O | undefined,
  otel: OtelRecorder | undefined,
  observer: CallObserver | undefined,
): Promise<T> {
  const record: CallRecord = { replaced: NOT_FALLEN_BACK };
  const observed = Object.create(options ?? null) as O;
  observed[CALL_RECORD] = record;
  const timed = (): Promise<T> => {
    if (observer === undefined) return run(observed);
    const startedAt = performance.now();
    return run(observed).then(
      (value) => {
        observer(performance.now() - startedAt, resolvedOutcome(record));
        return value;
      },
      (error: unknown) => {
        observer(performance.now() - startedAt, rejectedOutcome(error));
        throw error;
      },
    );
  };
  return otel === undefined ? timed() : otel.call(timed, record);
}
