// The middlewares against the real @middy/core (7), beside the plain wrappers: both adoption styles must
// answer alike (Powertools tests its wrapper and middleware the same way).

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DependencyDownError, PermanentError, TransientError } from '@bulwark/errors';
import { albEvent, apiGatewayV2Event, lambdaContext, sqsEvent, sqsRecord } from '@bulwark/testing';
import middy from '@middy/core';
import type { Context, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { orderSchema } from '../__support__/standardSchema.js';
import { httpHandler, type LambdaHttpResponse, type SqsHandlerOptions, sqsHandler } from '../index.js';
import { httpMiddleware, httpRequestContext, sqsBatchMiddleware } from './index.js';

const work = (record: SQSRecord) => {
  switch (record.messageId) {
    case 'transient':
      throw new TransientError('503');
    case 'down':
      throw new DependencyDownError('open');
    case 'permanent':
      throw new PermanentError('400');
    default:
      return 'ok';
  }
};

const sqsStyles = [
  ['wrapper', (options: SqsHandlerOptions) => sqsHandler(work, options)],
  [
    'middleware',
    (options: SqsHandlerOptions) =>
      middy<unknown, unknown>().use(sqsBatchMiddleware(work, options)) as unknown as (
        event: unknown,
        context: Context,
      ) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>,
  ],
] as const;

const batch = () =>
  sqsEvent(
    ['ok', 'transient', 'down', 'permanent', 'malformed'].map((id) =>
      sqsRecord({ messageId: id, body: id === 'malformed' ? '{' : {} }),
    ),
  );

describe.each(sqsStyles)('SQS batch (%s)', (_style, build) => {
  it.each([
    ['report', ['down', 'malformed', 'permanent', 'transient']],
    ['acknowledge', ['down', 'transient']], // permanent (a 400) and malformed are about the message
  ] as const)('with onPermanentFailure %s reports %j', async (policy, expected) => {
    // Prepare
    const handler = build({ onPermanentFailure: policy, logger: new CapturingLogger() });
    // Act
    const response = await handler(batch(), lambdaContext());
    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(expected);
  });
});

describe('sqsBatchMiddleware', () => {
  it('composes with Powertools injectLambdaContext: the summary line carries the Lambda context', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = middy<unknown, unknown>()
      .use(injectLambdaContext(logger))
      .use(sqsBatchMiddleware(work, { logger }));
    // Act
    await handler(batch(), lambdaContext({ functionName: 'orders-consumer' }));
    // Assess
    expect(logger.find('SQS batch summary')[0]).toMatchObject({ function_name: 'orders-consumer' });
  });

  it('lets a wiring error (not an SQS event) throw through middy', async () => {
    // Prepare
    const handler = middy<unknown, unknown>().use(
      sqsBatchMiddleware(work, { logger: new CapturingLogger() }),
    );
    // Act + Assess
    await expect(handler({ detail: {} }, lambdaContext())).rejects.toThrow(/expected an SQS event/);
  });

  it('refuses a record handler that is not a function at construction', () => {
    expect(() => sqsBatchMiddleware(42 as never)).toThrow(TypeError);
  });
});

type HttpFn = (event: unknown, context: Context) => Promise<LambdaHttpResponse>;

const route = async (body: unknown, correlationId: string) => {
  if ((body as { id?: string }).id === 'down')
    throw new DependencyDownError('edna open', { retryAfterMs: 5_000 });
  return { statusCode: 201, body: { id: (body as { id: string }).id, correlationId } };
};

const httpStyles: readonly (readonly [string, () => HttpFn])[] = [
  [
    'wrapper',
    () =>
      httpHandler((_event, ctx) => route(ctx.body, ctx.correlationId), {
        schema: orderSchema,
        logger: new CapturingLogger(),
      }),
  ],
  [
    'middleware',
    () =>
      middy(async (_event: unknown, context: Context) => {
        const ctx = httpRequestContext(context);
        return route(ctx.body, ctx.correlationId);
      }).use(httpMiddleware({ schema: orderSchema, logger: new CapturingLogger() })) as unknown as HttpFn,
  ],
];

describe.each(httpStyles)('HTTP (%s)', (_style, build) => {
  it('answers a result in the event’s shape with the correlation id', async () => {
    // Prepare
    const handler = build();
    // Act
    const response = await handler(
      albEvent({ method: 'POST', body: { id: 'o-1', qty: 1 }, headers: { 'x-correlation-id': 'cid-1' } }),
      lambdaContext(),
    );
    // Assess
    expect(response).toMatchObject({
      statusCode: 201,
      statusDescription: '201 Created',
      headers: { 'x-correlation-id': 'cid-1', 'content-type': 'application/json' },
    });
    expect(JSON.parse(response.body)).toEqual({ id: 'o-1', correlationId: 'cid-1' });
  });

  it('answers a dependency-down failure 503 problem+json with Retry-After', async () => {
    // Prepare
    const handler = build();
    // Act
    const response = await handler(
      apiGatewayV2Event({ method: 'POST', body: { id: 'down', qty: 1 } }),
      lambdaContext(),
    );
    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'retry-after': '5',
    });
  });

  it('answers a schema failure 422 with the field issues', async () => {
    // Prepare
    const handler = build();
    // Act
    const response = await handler(
      apiGatewayV2Event({ method: 'POST', body: { id: 'x', qty: 0 } }),
      lambdaContext(),
    );
    // Assess
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.body).errors).toEqual([
      { path: 'qty', message: 'qty must be an integer >= 1' },
    ]);
  });

  it('throws on an event that is not HTTP (a wiring error, not a 500)', async () => {
    // Prepare
    const handler = build();
    // Act + Assess
    await expect(handler({ Records: [] }, lambdaContext())).rejects.toThrow(TypeError);
  });
});

describe('httpRequestContext', () => {
  it('throws a clear error when the middleware did not run', () => {
    expect(() => httpRequestContext(lambdaContext())).toThrow(/httpMiddleware did not run/);
  });
});
