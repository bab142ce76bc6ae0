// What sqsHandler accepts, its documented defaults, and the normalised form the runner works from.

import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Classification } from '@bulwark/errors';
import type { SQSRecord } from 'aws-lambda';
import type { LoggerLike } from '../internal/LoggerLike.js';
import type { MetricsLike } from '../internal/MetricsLike.js';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';
import type { FullBatchFailureError } from './FullBatchFailureError.js';

/**
 * Anything with a `name` and a breaker `state`: a `Dependency` from `wrapDependency` fits.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * import { sqsHandler, type BreakerAwareDependency } from '@bulwark/lambda';
 * const edna: BreakerAwareDependency = wrapDependency('edna', { breaker: { threshold: 5 } });
 * export const handler = sqsHandler(work, { skipWhenBreakerOpen: [edna] });
 * ```
 */
export interface BreakerAwareDependency {
  readonly name: string;
  readonly state: string;
}

/**
 * What a permanent-failure hook is given.
 *
 * @example
 * ```ts
 * import type { PermanentFailure } from '@bulwark/lambda';
 * const toDlq = async ({ record, error, classification }: PermanentFailure) =>
 *   sendToDlq(record.body, { reason: classification.reason, error: error.message });
 * ```
 */
export interface PermanentFailure {
  readonly record: SQSRecord;
  readonly error: Error;
  readonly classification: Classification;
  /** The record's child logger (message id as correlation id). */
  readonly logger: LoggerLike;
}

/**
 * Called for a permanent failure about the message itself (see {@link PermanentFailurePolicy}); never for a
 * failure of our own credentials, permissions, configuration or infrastructure, which is reported for
 * redelivery. Resolving acknowledges the record (it leaves the queue); throwing reports it for redelivery
 * after all, so a failing hook never loses a message.
 *
 * @example
 * ```ts
 * import { sqsHandler, type PermanentFailureHook } from '@bulwark/lambda';
 * const park: PermanentFailureHook = async ({ record, error }) => parkingLot.put(record.messageId, error.message);
 * export const handler = sqsHandler(work, { onPermanentFailure: park });
 * ```
 */
export type PermanentFailureHook = (failure: PermanentFailure) => Promise<void> | void;

/**
 * What to do with a record whose failure is permanent and about the message itself: a body that does not
 * parse, a schema refusal, an `InvalidRecordError` (or a `PermanentError` without a status) thrown by the
 * handler, an upstream 400 or 422. Any other permanent failure (credentials, permissions, TLS, a missing
 * resource, an upstream 401/403/404/409, a bug) is ours, not the message's: it is reported for redelivery
 * whatever the policy, so a deploy mistake or an STS outage never empties the queue. The decision table is
 * in docs/lambda.md.
 *
 * - `'report'`: list it in `batchItemFailures`; the queue's `maxReceiveCount` moves it to the DLQ.
 * - `'acknowledge'`: let it leave the queue, with an error log line and a count in the summary and metrics.
 * - a {@link PermanentFailureHook}: run it, then acknowledge; if the hook throws, report instead.
 *
 * @example
 * ```ts
 * import type { PermanentFailurePolicy } from '@bulwark/lambda';
 * const policy: PermanentFailurePolicy = 'acknowledge';
 * ```
 */
export type PermanentFailurePolicy = 'report' | 'acknowledge' | PermanentFailureHook;

/**
 * The deadline guard: start a record only while the remaining time covers the safety margin plus the
 * longest record seen so far, and return (the rest reported) when only the safety margin is left.
 *
 * @example
 * ```ts
 * import { sqsHandler } from '@bulwark/lambda';
 * export const handler = sqsHandler(work, { deadline: { safetyMarginMs: 2_000 } });
 * ```
 */
export interface SqsDeadlineOptions {
  /**
   * Time kept in hand before the Lambda timeout. No record starts unless the remaining time covers this
   * margin plus the longest record so far; every `wrapDependency` call inside a record is bounded by the
   * remaining time minus this margin, and `ctx.signal` aborts when only the margin is left. Whatever still
   * runs at half the margin is abandoned: the batch returns with those records reported.
   * @defaultValue 500
   */
  readonly safetyMarginMs?: number;
  /**
   * How long a record is expected to take before one has been measured in this execution environment.
   * @defaultValue 0
   */
  readonly initialRecordEstimateMs?: number;
}

/**
 * Idempotency per record through Powertools `makeIdempotent`.
 *
 * @example
 * ```ts
 * import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
 * import { sqsHandler } from '@bulwark/lambda';
 * export const handler = sqsHandler(work, {
 *   idempotency: {
 *     persistenceStore: new DynamoDBPersistenceLayer({ tableName: 'idempotency' }),
 *     keyPrefix: 'orders-consumer',
 *     bodyKeyJmesPath: 'orderId',
 *   },
 * });
 * ```
 */
export interface SqsIdempotencyOptions {
  /** A Powertools persistence layer. Use one instance per `sqsHandler`: Powertools configures it once. */
  readonly persistenceStore: BasePersistenceLayer;
  /**
   * Prefix of every idempotency key, so two handlers sharing a table never collide.
   * @defaultValue `${AWS_LAMBDA_FUNCTION_NAME}.sqsRecord` (read at construction), or `'sqsRecord'`
   */
  readonly keyPrefix?: string;
  /**
   * A JMESPath into the parsed (and validated) body that gives the key, for producers that may send the same
   * work twice under two message ids. Without it, the SQS `messageId` is the key.
   * @defaultValue undefined (the message id)
   */
  readonly bodyKeyJmesPath?: string;
  /**
   * How long a completed record is remembered.
   * @defaultValue 3600
   */
  readonly expiresAfterSeconds?: number;
  /**
   * Keep completed records in an in-memory LRU as well (saves a read on a warm duplicate).
   * @defaultValue false
   */
  readonly useLocalCache?: boolean;
}

/**
 * Options of {@link sqsHandler}. Every field is optional; {@link DEFAULT_SQS_HANDLER_OPTIONS} holds the defaults.
 *
 * @example
 * ```ts
 * import { sqsHandler, type SqsHandlerOptions } from '@bulwark/lambda';
 * const options: SqsHandlerOptions<{ id: string }> = { fifo: true, onPermanentFailure: 'acknowledge' };
 * export const handler = sqsHandler(async (_record, { body }) => save(body.id), options);
 * ```
 */
export interface SqsHandlerOptions<TBody = unknown> {
  /**
   * How the record body reaches the handler: `'json'` parses it (a body that does not parse is a permanent
   * failure of that record), `'text'` passes the string as is.
   * @defaultValue 'json'
   */
  readonly body?: 'json' | 'text';
  /**
   * A Standard Schema the parsed body must pass; a record that fails it is a permanent failure, with the
   * issues logged. The handler gets the schema's output as `ctx.body`.
   * @defaultValue undefined
   */
  readonly schema?: StandardSchemaV1<unknown, TBody>;
  /**
   * FIFO processing (in order, a failure stops the rest of the batch or of its group). `undefined` detects it
   * from the queue ARN (`.fifo`).
   * @defaultValue undefined (detect)
   */
  readonly fifo?: boolean;
  /**
   * FIFO only: after a failure, skip only the later records of the same message group and go on with others.
   * @defaultValue false
   */
  readonly skipGroupOnError?: boolean;
  /**
   * Standard queues only: start every record at once. Sequential processing lets the deadline guard and the
   * breaker-aware skip decide before each record.
   * @defaultValue false
   */
  readonly processInParallel?: boolean;
  /**
   * What happens to a permanent failure; see {@link PermanentFailurePolicy}.
   * @defaultValue 'report'
   */
  readonly onPermanentFailure?: PermanentFailurePolicy;
  /**
   * Dependencies whose open (or isolated, or an operator's `forced-open`) breaker means the records still
   * waiting are reported for redelivery without calling the handler. When that skips every record of a batch,
   * the batch is a full-batch failure (see `throwOnFullBatchFailure`).
   * @defaultValue []
   */
  readonly skipWhenBreakerOpen?: readonly BreakerAwareDependency[];
  /**
   * The deadline guard, or `false` to turn it off. It needs the Lambda context (it reads the remaining time).
   * @defaultValue { safetyMarginMs: 500, initialRecordEstimateMs: 0 }
   */
  readonly deadline?: SqsDeadlineOptions | false;
  /**
   * Idempotency per record; off when absent.
   * @defaultValue undefined
   */
  readonly idempotency?: SqsIdempotencyOptions;
  /**
   * The logger the per-record children and the batch summary line come from: a Powertools Logger (any 2.x
   * copy) or any {@link LoggerLike}. Errors reach it only through `serializeError` from `@bulwark/errors`.
   * @defaultValue a `new Logger()` made at construction (service name from `POWERTOOLS_SERVICE_NAME`)
   */
  readonly logger?: LoggerLike;
  /**
   * A Powertools `Metrics` instance (or anything with `addMetric`) to count records by outcome.
   * @defaultValue undefined
   */
  readonly metrics?: MetricsLike;
  /**
   * Call `metrics.publishStoredMetrics()` after each batch. Turn off when a `logMetrics` middleware or
   * decorator already publishes.
   * @defaultValue true
   */
  readonly publishMetrics?: boolean;
  /**
   * Throw a {@link FullBatchFailureError} when every record was reported (failed, skipped by an open breaker
   * or by the deadline guard), instead of returning them all in `batchItemFailures`. Either way every record
   * is redelivered; throwing also counts as a function error, which makes the SQS poller back off.
   * @defaultValue true
   */
  readonly throwOnFullBatchFailure?: boolean;
  /**
   * How failures are classified.
   * @defaultValue `classify` from `@bulwark/errors`
   */
  readonly classify?: (error: unknown) => Classification;
}

/**
 * The defaults {@link SqsHandlerOptions} are spread over.
 *
 * @example
 * ```ts
 * import { DEFAULT_SQS_HANDLER_OPTIONS } from '@bulwark/lambda';
 * console.log(DEFAULT_SQS_HANDLER_OPTIONS.deadline); // { safetyMarginMs: 500, initialRecordEstimateMs: 0 }
 * ```
 */
export const DEFAULT_SQS_HANDLER_OPTIONS = Object.freeze({
  body: 'json',
  fifo: undefined,
  skipGroupOnError: false,
  processInParallel: false,
  onPermanentFailure: 'report',
  skipWhenBreakerOpen: Object.freeze([]) as readonly BreakerAwareDependency[],
  deadline: Object.freeze({ safetyMarginMs: 500, initialRecordEstimateMs: 0 }),
  publishMetrics: true,
  throwOnFullBatchFailure: true,
  idempotency: Object.freeze({ expiresAfterSeconds: 3600, useLocalCache: false }),
} as const);
