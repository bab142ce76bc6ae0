// The same behaviours as middy middlewares, next to Powertools' own.
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { httpMiddleware, httpRequestContext, sqsBatchMiddleware } from '@bulwark/lambda/middy';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

const logger = new Logger({ serviceName: 'orders' });

// SQS: no handler of its own; the middleware runs the batch and returns the partial batch response.
export const consumer = middy()
  .use(injectLambdaContext(logger))
  .use(sqsBatchMiddleware(async (record) => logger.info('got', { id: record.messageId }), { logger }));

// HTTP: the handler reads the validated body and the correlation id from the request context.
export const api = middy(async (_event: unknown, context: Context) => {
  const { body, correlationId } = httpRequestContext<{ name?: string }>(context);
  return { statusCode: 200, body: { hello: body.name ?? 'world', correlationId } };
})
  .use(injectLambdaContext(logger))
  .use(httpMiddleware({ logger }));
