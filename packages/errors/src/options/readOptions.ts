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
  const readable: string[] = [];
  const unknown: string[] = [];
  for (const key of keys) {
    if (typeof key === 'symbol') continue;
    let enumerable: boolean;
    try {
      enumerable = Object.getOwnPropertyDescriptor(value, key)?.enumerable === true;
    } catch {
      enumerable = true;
    }
    if (!enumerable) continue;
    (known.includes(key) ? readable : unknown).push(key);
  }
  // Every unknown key at once, before any getter runs: a caller with two typos fixes both in one go.
  if (unknown.length > 0) throw unknownOptions(owner, field, unknown, known);
  for (const key of readable) {
    try {
      snapshot[key] = (value as Record<string, unknown>)[key];
    } catch {
      throw new TypeError(
        `${owner}: ${field === 'options' ? key : `${field}.${key}`} could not be read (its getter threw)`,
      );
    }
  }
  return snapshot;
}

/** `unknown option "retries"; did you mean "retry"?`, or every unknown key of several, then the valid ones. */
function unknownOptions(
  owner: string,
  field: string,
  unknown: string[],
  known: readonly string[],
): TypeError {
  const prefix = field === 'options' ? '' : `${field}.`;
  const near = (key: string): string | undefined => nearestName(key, known);
  let listed: string;
  if (unknown.length === 1) {
    const key = unknown[0]!;
    const hint = near(key);
    listed = `unknown option ${describeValue(prefix + key)}${hint === undefined ? '.' : `; did you mean "${hint}"?`}`;
  } else {
    const shown = unknown.slice(0, 8).map((key) => {
      const hint = near(key);
      return `${describeValue(prefix + key)}${hint === undefined ? '' : ` (did you mean "${hint}"?)`}`;
    });
    const more = unknown.length > 8 ? ` and ${unknown.length - 8} more` : '';
    listed = `unknown options ${shown.join(', ')}${more}.`;
  }
  return new TypeError(`${owner}: ${listed} Valid: ${known.join(', ')}`);
}
