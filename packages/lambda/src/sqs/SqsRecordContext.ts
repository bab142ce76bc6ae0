import type { Context, SQSRecord } from 'aws-lambda';
import type { LoggerLike } from '../internal/LoggerLike.js';

/**
 * The second argument of a record handler.
 *
 * @example
 * ```ts
 * import { sqsHandler } from '@bulwark/lambda';
 * export const handler = sqsHandler<{ id: string }>(async (record, ctx) => {
 *   ctx.logger.info('saving', { id: ctx.body.id, attempt: ctx.receiveCount });
 *   await fetch(`https://edna.internal/orders/${ctx.body.id}`, { signal: ctx.signal });
 * });
 * ```
 */
export interface SqsRecordContext<TBody = unknown> {
  /** The parsed body (`options.body: 'json'`), the raw string (`'text'`), or the schema's output. */
  readonly body: TBody;
  readonly messageId: string;
  /** `ApproximateReceiveCount`: 1 on the first delivery. */
  readonly receiveCount: number;
  /**
   * A child of the handler's logger with the message id as correlation id (made on first use); the logger
   * itself when it cannot make children.
   */
  readonly logger: LoggerLike;
  /** The Lambda context, when the runtime gave one. */
  readonly lambdaContext: Context | undefined;
  /** Aborts when the deadline guard returns the batch: stop work, the record is being reported. */
  readonly signal: AbortSignal;
  /** Milliseconds left before the deadline guard's safety margin (`Infinity` without a Lambda context). */
  remainingMs(): number;
}

/**
 * A record handler: gets the raw SQS record and its {@link SqsRecordContext}. Resolve to succeed; throw to
 * fail (the failure is classified). The resolved value is what idempotency stores for duplicates.
 *
 * @example
 * ```ts
 * import type { SqsRecordHandler } from '@bulwark/lambda';
 * const work: SqsRecordHandler<{ id: string }> = async (_record, { body }) => ({ saved: body.id });
 * ```
 */
export type SqsRecordHandler<TBody = unknown, TResult = unknown> = (
  record: SQSRecord,
  ctx: SqsRecordContext<TBody>,
) => Promise<TResult> | TResult;
