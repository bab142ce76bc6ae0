import type { Context, SQSBatchResponse } from 'aws-lambda';
import { createBatchRunner } from './createBatchRunner.js';
import { normalizeSqsOptions } from './normalizeSqsOptions.js';
import type { SqsHandlerOptions } from './SqsHandlerOptions.js';
import type { SqsRecordHandler } from './SqsRecordContext.js';

/**
 * The Lambda handler `sqsHandler` returns: give it the SQS event and the context, get the partial batch
 * response (enable `ReportBatchItemFailures` on the event source mapping).
 *
 * @example
 * ```ts
 * import { sqsHandler, type SqsBatchHandler } from '@bulwark/lambda';
 * export const handler: SqsBatchHandler = sqsHandler(async (record) => console.log(record.body));
 * ```
 */
export type SqsBatchHandler = (event: unknown, context?: Context) => Promise<SQSBatchResponse>;

/**
 * Builds an SQS Lambda handler on Powertools batch (`processPartialResponse`) that reports only the records
 * that must come back. Each failure is classified: transient and dependency-down failures are reported for
 * redelivery; permanent ones follow `onPermanentFailure`. Bodies are parsed (and validated with a Standard
 * Schema, when given); a deadline guard keeps the invocation inside its timeout; records can be idempotent,
 * and skipped while a dependency's breaker is open. One summary line per batch is logged.
 *
 * Throws a `TypeError` at construction for a record handler that is not a function or an invalid option,
 * and at invocation for an event that is not a (non-empty) SQS event, before any record runs.
 *
 * @example
 * ```ts
 * import { sqsHandler } from '@bulwark/lambda';
 * import { wrapDependency } from '@bulwark/policies';
 *
 * const edna = wrapDependency('edna', { timeout: { attemptMs: 2_000 }, retry: { maxAttempts: 3 } });
 *
 * export const handler = sqsHandler<{ orderId: string }>(
 *   async (_record, { body, signal }) => {
 *     await edna.fetch(`https://edna.internal/orders/${body.orderId}`, { method: 'PUT', signal });
 *   },
 *   { skipWhenBreakerOpen: [edna], onPermanentFailure: 'report' },
 * );
 * ```
 */
export function sqsHandler<TBody = unknown, TResult = unknown>(
  recordHandler: SqsRecordHandler<TBody, TResult>,
  options?: SqsHandlerOptions<TBody>,
): SqsBatchHandler {
  if (typeof recordHandler !== 'function') {
    throw new TypeError(
      `sqsHandler: recordHandler must be a function (record, ctx) => Promise<unknown>; got ${recordHandler === null ? 'null' : typeof recordHandler}.`,
    );
  }
  const run = createBatchRunner(recordHandler, normalizeSqsOptions(options));
  return (event, context) => run(event, context);
}
