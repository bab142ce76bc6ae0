// A record whose body does not parse or fails the schema: a permanent failure, with the issues kept for logs.

import { PermanentError } from '@bulwark/errors';
import type { FieldIssue } from '../schema/StandardSchema.js';

/**
 * Thrown (and classified permanent, reason `invalid-input`) for a record whose body is not JSON or fails the
 * schema. Its `name` stays `'PermanentError'` so `isPermanentError` recognises it; `issues` says what failed.
 *
 * @example
 * ```ts
 * import { sqsHandler, isInvalidRecordError } from '@bulwark/lambda';
 * export const handler = sqsHandler(work, {
 *   onPermanentFailure: async ({ error }) => {
 *     if (isInvalidRecordError(error)) console.log(error.issues);
 *   },
 * });
 * ```
 */
export class InvalidRecordError extends PermanentError {
  readonly issues: readonly FieldIssue[];

  constructor(message: string, issues: readonly FieldIssue[], cause?: unknown) {
    // PermanentError keeps no `cause` key for an undefined cause (a test pins it).
    super(message, { reason: 'invalid-input', cause });
    this.issues = issues;
  }

  /** The brand {@link isInvalidRecordError} checks. */
  get isBulwarkInvalidRecordError(): true {
    return true;
  }
}

/**
 * True for an {@link InvalidRecordError}, from this or another copy of `@bulwark/lambda`.
 *
 * @example
 * ```ts
 * import { isInvalidRecordError } from '@bulwark/lambda';
 * if (isInvalidRecordError(error)) logger.error('bad record', { issues: error.issues });
 * ```
 */
export function isInvalidRecordError(value: unknown): value is InvalidRecordError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { isBulwarkInvalidRecordError?: unknown }).isBulwarkInvalidRecordError === true
  );
}
