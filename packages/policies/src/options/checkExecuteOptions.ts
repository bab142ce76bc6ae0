// The per-call options of execute(): checked on each call that passes them (the call rejects with the
// TypeError); a call without options pays nothing.

import { optionError, readOptions } from '@bulwark/errors';
import type { ExecuteOptions } from '../Dependency.js';

const EXECUTE_KEYS = ['signal', 'fallback'] as const;

/**
 * Per-call options: a non-object (an array too), unknown keys, a getter that throws and wrong types are
 * TypeErrors naming the field (the call rejects with one).
 */
export function checkExecuteOptions(name: string, options: ExecuteOptions<unknown>): void {
  const owner = `${name}.execute`;
  const { signal, fallback } = readOptions(owner, options, EXECUTE_KEYS);
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw optionError(owner, 'signal', signal, 'an AbortSignal');
  }
  if (fallback !== undefined && typeof fallback !== 'function') {
    throw optionError(owner, 'fallback', fallback, 'a function');
  }
}
