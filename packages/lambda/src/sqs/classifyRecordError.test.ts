// How each failure Powertools idempotency throws is classified before the general classifier sees it: an
// in-progress duplicate or a store outage must come back (retried, never held against a dependency's breaker);
// a record whose key is missing or whose payload changed is about the message itself (never retried).
// The errors are Powertools' own classes; the last describe runs them through a real sqsHandler.
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyInconsistentStateError,
  IdempotencyKeyError,
  IdempotencyPersistenceLayerError,
  IdempotencyUnknownError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { type Classification, classify } from '@bulwark/errors';
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { type PermanentFailure, sqsHandler } from '../index.js';
import { classifyRecordError } from './classifyRecordError.js';

/** Comes back later: retried, 503 to a caller, never counted toward a breaker (the store is not the dependency). */
const redelivered = (
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

/** About the message itself: never retried, never counted toward a breaker. */
const aboutTheMessage = (message: string): Classification => ({
  kind: 'permanent',
  reason: 'invalid-input',
  retryable: false,
  countsTowardBreaker: false,
  httpStatus: 422,
  message,
});

const STORE_FAILED = 'The idempotency store failed; the record will be redelivered.';
const NO_KEY = 'The record has no value at the idempotency key path.';
const OTHER_PAYLOAD = 'The record reuses an idempotency key with a different payload.';

describe('classifyRecordError: Powertools idempotency errors', () => {
  it.each<[string, () => Error, Classification]>([
    [
      'an in-progress duplicate',
      () => new IdempotencyAlreadyInProgressError('There is already an execution in progress'),
      redelivered('conflict', 'Another delivery of this record is in progress; it will be redelivered.'),
    ],
    [
      'a record that changed while read',
      () => new IdempotencyInconsistentStateError('Item has expired during processing'),
      redelivered('conflict', 'The idempotency record changed while it was read; it will be redelivered.'),
    ],
    [
      'a store failure',
      () => new IdempotencyPersistenceLayerError('Failed to save in progress record to idempotency store'),
      redelivered('server-error', STORE_FAILED, 'idempotency-store'),
    ],
    [
      'an unknown idempotency failure',
      () => new IdempotencyUnknownError('An unknown error occurred while processing the request.'),
      redelivered(
        'server-error',
        'The idempotency utility failed; the record will be redelivered.',
        'idempotency-store',
      ),
    ],
    [
      'a key reused with another payload',
      () => new IdempotencyValidationError('Payload does not match stored record for this event key'),
      aboutTheMessage(OTHER_PAYLOAD),
    ],
    [
      'a record without a key',
      () => new IdempotencyKeyError('No data found to create a hashed idempotency_key'),
      aboutTheMessage(NO_KEY),
    ],
  ])('%s: exactly this classification', (_label, make, expected) => {
    // Act
    const c = classifyRecordError(make(), classify);
    // Assess: strict, so a key present as undefined (a conflict with `dependency: undefined`) fails too
    expect(c).toStrictEqual(expected);
  });

  it.each<[string, () => Error, Classification]>([
    [
      'a missing key',
      () => new IdempotencyKeyError('No data found to create a hashed idempotency_key'),
      aboutTheMessage(NO_KEY),
    ],
    [
      'another payload',
      () => new IdempotencyValidationError('Payload does not match stored record for this event key'),
      aboutTheMessage(OTHER_PAYLOAD),
    ],
    [
      'an in-progress duplicate (not about the message)',
      () => new IdempotencyAlreadyInProgressError('in progress'),
      redelivered('server-error', STORE_FAILED, 'idempotency-store'),
    ],
    [
      'a DynamoDB failure',
      () => Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' }),
      redelivered('server-error', STORE_FAILED, 'idempotency-store'),
    ],
  ])(
    'a store failure caused by %s is classified by its cause only when the cause is about the message',
    (_label, cause, expected) => {
      // Prepare: what Powertools throws when saving the IN_PROGRESS record fails
      const error = new IdempotencyPersistenceLayerError(
        'Failed to save in progress record to idempotency store',
        {
          cause: cause(),
        },
      );
      // Act + Assess
      expect(classifyRecordError(error, classify)).toStrictEqual(expected);
    },
  );

  it.each<[string, () => unknown]>([
    [
      'an unknown idempotency failure',
      () => new IdempotencyUnknownError('unknown', { cause: new IdempotencyKeyError('no key') }),
    ],
    [
      'an in-progress duplicate',
      () =>
        new IdempotencyAlreadyInProgressError('in progress', undefined, {
          cause: new IdempotencyKeyError('no key'),
        }),
    ],
    [
      'a plain object that only looks like a store failure',
      () => ({ name: 'IdempotencyPersistenceLayerError', cause: new IdempotencyKeyError('no key') }),
    ],
  ])('only a real store failure is classified by its cause, not %s', (_label, make) => {
    // Act
    const c = classifyRecordError(make(), classify);
    // Assess: still redelivered, never dropped as a message problem
    expect(c).toMatchObject({ kind: 'transient', retryable: true });
  });
});

describe('classifyRecordError: everything else goes to the classifier', () => {
  it.each([['constructor'], ['toString'], ['hasOwnProperty'], ['__proto__']])(
    'an error named %s (a name Object.prototype has) gets the classifier’s verdict',
    (name) => {
      // Prepare
      const error = Object.assign(new Error('boom'), { name });
      // Act + Assess
      expect(classifyRecordError(error, classify)).toStrictEqual(classify(error));
    },
  );

  it('a name that is not a string, even one that reads as a Powertools name, gets the classifier’s verdict', () => {
    // Prepare: a String object converts to 'IdempotencyKeyError' as a property key
    const error = Object.assign(new Error('boom'), { name: new String('IdempotencyKeyError') });
    // Act
    const c = classifyRecordError(error, classify);
    // Assess: not turned into a message problem a policy could acknowledge and drop
    expect(c).toStrictEqual(classify(error));
    expect(c.reason).not.toBe('invalid-input');
  });
});

describe('sqsHandler with Powertools idempotency errors', () => {
  it.each([
    ['a missing key', () => new IdempotencyKeyError('no key'), NO_KEY],
    ['another payload', () => new IdempotencyValidationError('mismatch'), OTHER_PAYLOAD],
  ])(
    '%s: the hook is handed the exact classification, and the record is acknowledged',
    async (_label, make, message) => {
      // Prepare
      const seen: PermanentFailure[] = [];
      const handler = sqsHandler(
        () => {
          throw make();
        },
        { logger: new CapturingLogger(), onPermanentFailure: async (failure) => void seen.push(failure) },
      );
      // Act
      const response = await handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(seen.map((f) => f.classification)).toStrictEqual([aboutTheMessage(message)]);
    },
  );

  it.each([
    [
      'an in-progress duplicate',
      () => new IdempotencyAlreadyInProgressError('in progress'),
      'conflict',
      undefined,
    ],
    ['a changed record', () => new IdempotencyInconsistentStateError('changed'), 'conflict', undefined],
    [
      'a store failure',
      () => new IdempotencyPersistenceLayerError('put failed'),
      'server-error',
      'idempotency-store',
    ],
    ['an unknown failure', () => new IdempotencyUnknownError('unknown'), 'server-error', 'idempotency-store'],
  ])(
    '%s: reported for redelivery even under acknowledge, and logged as retryable',
    async (_label, make, reason, dependency) => {
      // Prepare
      const logger = new CapturingLogger();
      const handler = sqsHandler(
        () => {
          throw make();
        },
        { logger, onPermanentFailure: 'acknowledge', throwOnFullBatchFailure: false },
      );
      // Act
      const response = await handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
      // Assess
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }]);
      const [line] = logger.find('record failed; reported for redelivery');
      expect(line).toMatchObject({
        kind: 'transient',
        reason,
        error: { kind: 'transient', reason, retryable: true },
      });
      expect(line?.dependency).toBe(dependency);
    },
  );
});
