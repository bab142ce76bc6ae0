import type { Context } from 'aws-lambda';
import { createBatchRunner } from '../sqs/createBatchRunner.js';
import { normalizeSqsOptions } from '../sqs/normalizeSqsOptions.js';
import type { SqsHandlerOptions } from '../sqs/SqsHandlerOptions.js';
import type { SqsRecordHandler } from '../sqs/SqsRecordContext.js';
import type { MiddyLikeMiddleware } from './MiddyLike.js';

const RESPONSE = Symbol('bulwark.sqsBatch.response');

/**
 * `sqsHandler` as a middy middleware: the same batch engine (classification, permanent-failure policy,
 * deadline guard, breaker-aware skip, idempotency, one summary line). Use it on `middy()` with no handler of
 * its own, and `.use()` it last so the middlewares before it (Powertools `injectLambdaContext`, `logMetrics`)
 * wrap the batch: the batch runs in `before`, its partial batch response becomes the response in `after`.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { sqsBatchMiddleware } from '@bulwark/lambda/middy';
 *
 * const logger = new Logger();
 * export const handler = middy()
 *   .use(injectLambdaContext(logger))
 *   .use(sqsBatchMiddleware(async (record) => console.log(record.messageId), { logger }));
 * ```
 */
export function sqsBatchMiddleware<TBody = unknown, TResult = unknown>(
  recordHandler: SqsRecordHandler<TBody, TResult>,
  options?: SqsHandlerOptions<TBody>,
): MiddyLikeMiddleware {
  if (typeof recordHandler !== 'function') {
    throw new TypeError(
      `sqsBatchMiddleware: recordHandler must be a function (record, ctx) => Promise<unknown>; got ${recordHandler === null ? 'null' : typeof recordHandler}.`,
    );
  }
  const run = createBatchRunner(recordHandler, normalizeSqsOptions(options, 'sqsBatchMiddleware'));
  return {
    async before(request) {
      request.internal[RESPONSE as unknown as string] = await run(request.event, request.context as Context);
    },
    async after(request) {
      request.response = request.internal[RESPONSE as unknown as string];
    },
  };
}
