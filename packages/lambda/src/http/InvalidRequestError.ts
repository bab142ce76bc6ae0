// A request that failed validation: answered 400 (malformed) or 422 (well-formed but invalid), with the issues.

import { PermanentError } from '@bulwark/errors';
import type { FieldIssue } from '../schema/StandardSchema.js';

/**
 * Throw it (or let `httpHandler`'s schema throw it) to answer 400 or 422 with field issues in the problem
 * body's `errors` member. Classified permanent, reason `invalid-input`.
 *
 * @example
 * ```ts
 * import { httpHandler, InvalidRequestError } from '@bulwark/lambda';
 * export const handler = httpHandler(async (_event, { body }) => {
 *   if ((body as { qty: number }).qty > 100) {
 *     throw new InvalidRequestError('Too many items.', [{ path: 'qty', message: 'must be at most 100' }]);
 *   }
 *   return { ok: true };
 * });
 * ```
 */
export class InvalidRequestError extends PermanentError {
  readonly issues: readonly FieldIssue[];
  /** 400 for a body that cannot be read, 422 for one that fails validation. */
  readonly httpStatus: 400 | 422;

  constructor(
    message: string,
    issues: readonly FieldIssue[],
    options: { status?: 400 | 422; cause?: unknown } = {},
  ) {
    // ResilienceError sets no own `cause` key for an undefined one.
    super(message, { reason: 'invalid-input', cause: options.cause });
    this.issues = issues;
    this.httpStatus = options.status ?? 422;
  }

  /** The brand {@link isInvalidRequestError} checks. */
  get isBulwarkInvalidRequestError(): true {
    return true;
  }
}

/**
 * True for an {@link InvalidRequestError}, from this or another copy of `@bulwark/lambda`.
 *
 * @example
 * ```ts
 * import { isInvalidRequestError } from '@bulwark/lambda';
 * if (isInvalidRequestError(error)) console.log(error.httpStatus, error.issues);
 * ```
 */
export function isInvalidRequestError(value: unknown): value is InvalidRequestError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { isBulwarkInvalidRequestError?: unknown }).isBulwarkInvalidRequestError === true
  );
}
