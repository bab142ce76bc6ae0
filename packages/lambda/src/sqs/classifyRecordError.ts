// Powertools idempotency fails in its own vocabulary; this maps it onto Bulwark's kinds before the general
// classifier sees anything else. An in-progress duplicate must come back later, not be dropped.

import type { Classification } from '@bulwark/errors';
import { UNREADABLE } from '../internal/safeClassify.js';

const transient = (
  reason: Classification['reason'],
  message: string,
  dependency?: string,
): Classification => ({
  kind: 'transient',
  reason,
  retryable: true,
  countsTowardBreaker: false,
  httpStatus: 503,
  message,
  ...(dependency === undefined ? {} : { dependency }),
});

const permanent = (message: string): Classification => ({
  kind: 'permanent',
  reason: 'invalid-input',
  retryable: false,
  countsTowardBreaker: false,
  httpStatus: 422,
  message,
});

const BY_NAME: Readonly<Record<string, Classification>> = {
  IdempotencyAlreadyInProgressError: transient(
    'conflict',
    'Another delivery of this record is in progress; it will be redelivered.',
  ),
  IdempotencyInconsistentStateError: transient(
    'conflict',
    'The idempotency record changed while it was read; it will be redelivered.',
  ),
  IdempotencyPersistenceLayerError: transient(
    'server-error',
    'The idempotency store failed; the record will be redelivered.',
    'idempotency-store',
  ),
  IdempotencyUnknownError: transient(
    'server-error',
    'The idempotency utility failed; the record will be redelivered.',
    'idempotency-store',
  ),
  IdempotencyValidationError: permanent('The record reuses an idempotency key with a different payload.'),
  IdempotencyKeyError: permanent('The record has no value at the idempotency key path.'),
};

/** Never throws, whatever was thrown and whatever the classifier does. */
export function classifyRecordError(
  error: unknown,
  classify: (error: unknown) => Classification,
): Classification {
  try {
    const name = (error as { name?: unknown }).name;
    // Own keys only: an error named `constructor` must not find Object's.
    const mapped = typeof name === 'string' && Object.hasOwn(BY_NAME, name) ? BY_NAME[name] : undefined;
    if (mapped === undefined) return classify(error) ?? UNREADABLE;
    // Powertools wraps what went wrong while saving the IN_PROGRESS record (a missing key, a payload mismatch)
    // in IdempotencyPersistenceLayerError: the cause says whether it is the store or the record.
    const cause = (error as { cause?: unknown }).cause;
    if (
      error instanceof Error &&
      error.name === 'IdempotencyPersistenceLayerError' &&
      cause instanceof Error
    ) {
      const byCause = Object.hasOwn(BY_NAME, cause.name) ? BY_NAME[cause.name] : undefined;
      if (byCause?.kind === 'permanent') return byCause;
    }
    return mapped;
  } catch {
    return UNREADABLE;
  }
}
