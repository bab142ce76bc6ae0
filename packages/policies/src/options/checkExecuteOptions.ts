// The per-call options of execute(): checked on each call that passes them (the call rejects with the
// TypeError), at the cost of one key loop; a call without options pays nothing.

import { optionError, readOptions } from '@bulwark/errors';
import type { ExecuteOptions } from '../Dependency.js';

const EXECUTE_KEYS = new Set(['signal', 'fallback']);

/** Per-call options: unknown keys and wrong types are TypeErrors (the call rejects with one). */
export function checkExecuteOptions(name: string, options: ExecuteOptions<unknown>): void {
  const owner = `${name}.execute`;
  if (typeof options !== 'object' || options === null) {
    throw optionError(owner, 'options', options, 'an object');
  }
  for (const key in options) {
    if (!EXECUTE_KEYS.has(key)) readOptions(owner, options, ['signal', 'fallback']);
  }
  const { signal, fallback } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw optionError(owner, 'signal', signal, 'an AbortSignal');
  }
  if (fallback !== undefined && typeof fallback !== 'function') {
    throw optionError(owner, 'fallback', fallback, 'a function');
  }
}
