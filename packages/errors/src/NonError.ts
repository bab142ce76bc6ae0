// Thrown values that are not Errors (`throw undefined`, `throw 'boom'`, `throw { code }`) break code
// that reads `.message` or `.stack` (Powertools batch rejects the whole batch on one). Wrap them once.

import { isObjectLike } from './classify/safeRead.js';
import { describeValue } from './describeValue.js';
import { redactText } from './redact/redactText.js';

/**
 * The Error {@link toError} wraps a thrown non-Error in. The original is on `value`, untouched.
 *
 * @example
 * ```ts
 * import { NonError, toError } from '@bulwark/errors';
 * const error = toError('boom');
 * error instanceof NonError; // true
 * (error as NonError).value; // 'boom'
 * ```
 */
export class NonError extends Error {
  override name = 'NonError' as const;
  /** What was thrown. */
  readonly value: unknown;

  constructor(value: unknown) {
    // Redacted: a thrown string can be a URL with a token in its query, or a bearer header.
    super(`a non-Error value was thrown: ${redactText(describeValue(value), 200)}`);
    this.value = value;
  }
}

/**
 * Returns `value` when it is an Error (by `instanceof` or by shape: a string `name` and `message`,
 * as errors from another realm have), otherwise a {@link NonError} holding it. Never throws.
 *
 * @example
 * ```ts
 * import { toError } from '@bulwark/errors';
 * try { await handler(record); } catch (thrown) { throw toError(thrown); } // always an Error from here on
 * ```
 */
export function toError(value: unknown): Error {
  try {
    if (value instanceof Error) return value;
    // A function has a string `name` too: only an object can be an Error from another realm.
    if (isObjectLike(value) && typeof value !== 'function') {
      const { name, message } = value as { name?: unknown; message?: unknown };
      if (typeof name === 'string' && typeof message === 'string') return value as Error;
    }
  } catch {
    // a Proxy whose traps throw: not an Error we can use
  }
  return new NonError(value);
}
