// Options built at run time or written in JavaScript get no help from TypeScript: a typo like
// `retries` for `retry` silently ran with the defaults. Every options object is read through here
// once: unknown keys are refused with the nearest valid name, and a getter or Proxy that throws
// becomes a TypeError naming the field instead of escaping as some other error.

import { describeValue } from '../describeValue.js';
import { nearestName } from './nearestName.js';
import { optionError } from './optionError.js';

/**
 * Checks that `value` is an options object (or `undefined`, read as `{}`), that every own key is one of
 * `known`, and returns a null-prototype snapshot of its keys (each read exactly once). Throws a
 * `TypeError` naming the owner, the field and, for an unknown key, the nearest valid one.
 *
 * @param owner - who reads it, as the user called it: `ssmBreakerState`, `wrapDependency('edna')`.
 * @param value - what the user passed.
 * @param known - the valid keys.
 * @param field - where the object sits: `options` (default), `timeout`, `breaker.slowCall`.
 *
 * @example
 * ```ts
 * import { readOptions } from '@bulwark/errors';
 * readOptions("wrapDependency('edna')", { retries: 0 }, ['retry', 'timeout']);
 * // TypeError: wrapDependency('edna'): unknown option "retries"; did you mean "retry"? Valid: retry, timeout
 * ```
 */
export function readOptions(
  owner: string,
  value: unknown,
  known: readonly string[],
  field = 'options',
): Record<string, unknown> {
  const snapshot: Record<string, unknown> = Object.create(null);
  if (value === undefined) return snapshot;
  if (typeof value !== 'object' || value === null) throw optionError(owner, field, value, 'an object');
  let keys: (string | symbol)[];
  try {
    keys = Reflect.ownKeys(value);
  } catch {
    throw new TypeError(`${owner}: ${field} could not be read (a Proxy refused to list its keys)`);
  }
  // Only now: on a revoked Proxy, Array.isArray throws a TypeError that names no field.
  if (Array.isArray(value)) throw optionError(owner, field, value, 'an object');
  for (const key of keys) {
    if (typeof key === 'symbol') continue;
    let enumerable: boolean;
    try {
      enumerable = Object.getOwnPropertyDescriptor(value, key)?.enumerable === true;
    } catch {
      enumerable = true;
    }
    if (!enumerable) continue;
    const path = field === 'options' ? key : `${field}.${key}`;
    if (!known.includes(key)) {
      const near = nearestName(key, known);
      const shown = describeValue(key);
      throw new TypeError(
        `${owner}: unknown option ${field === 'options' ? '' : `${field}.`}${shown}${near === undefined ? '' : `; did you mean "${near}"?`} Valid: ${known.join(', ')}`,
      );
    }
    try {
      snapshot[key] = (value as Record<string, unknown>)[key];
    } catch {
      throw new TypeError(`${owner}: ${path} could not be read (its getter threw)`);
    }
  }
  return snapshot;
}
