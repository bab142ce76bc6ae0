// Every line Bulwark writes while an SQS record or an HTTP request runs names it: the dependency's retry
// line (written deep inside wrapDependency) and the user's own lines through the record's logger carry the
// same correlation_id and messageId. Real Powertools Logger, its output read from the stdout it writes to.

import { Logger } from '@aws-lambda-powertools/logger';
import { currentLogContext, TransientError } from '@bulwark/errors';
import { httpHandler, sqsHandler } from '@bulwark/lambda';
import { httpMiddleware, sqsBatchMiddleware } from '@bulwark/lambda/middy';
import { wrapDependency } from '@bulwark/policies';
import { lambdaContext, sqsEvent, sqsRecord } from '@bulwark/testing';
import middy from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The JSON lines written to stdout and stderr while `fn` runs. */
async function captured(fn: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const chunks: string[] = [];
  // Powertools writes info to stdout and warn/error to stderr, through a Console of its own.
  const keep = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  try {
    await fn();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A dependency that fails `failures` times with a retryable error, then answers. */
function flaky(logger: Logger, failures: number) {
  const edna = wrapDependency('edna', {
    logger,
    retry: { maxAttempts: 3, backoff: { initialDelayMs: 1, maxDelayMs: 2, jitter: 'none' } },
  });
  let calls = 0;
  const call = () =>
    edna.execute(async () => {
      calls++;
      if (calls <= failures) throw new TransientError('edna answered 503', { status: 503 });
      return 'ok';
    });
  return call;
}

afterEach(() => vi.restoreAllMocks());

describe('correlation', () => {
  it("a retry line written during an SQS record carries the record's messageId and correlation_id", async () => {
    // Arrange
    const logger = new Logger({ serviceName: 'orders' });
    const call = flaky(logger, 1);
    const handler = sqsHandler(
      async (_record, ctx) => {
        ctx.logger.info('user line');
        return call();
      },
      { logger },
    );

    // Act
    const lines = await captured(() =>
      handler(sqsEvent([sqsRecord({ messageId: 'm-1', body: { id: 1 } })]), lambdaContext()),
    );

    // Assess
    const retry = lines.find((l) => l.message === 'dependency call retried');
    expect(retry).toMatchObject({ correlation_id: 'm-1', messageId: 'm-1', dependency: 'edna' });
    const user = lines.find((l) => l.message === 'user line');
    expect(user).toMatchObject({ correlation_id: 'm-1', messageId: 'm-1' });
    expect(currentLogContext()).toEqual({});
  });

  it("records of one batch never see each other's ids", async () => {
    // Arrange
    const logger = new Logger({ serviceName: 'orders' });
    const deps = new Map([
      ['a', flaky(logger, 1)],
      ['b', flaky(logger, 1)],
    ]);
    const handler = sqsHandler(async (record) => deps.get(record.messageId)!(), { logger });

    // Act
    const lines = await captured(() =>
      handler(
        sqsEvent([sqsRecord({ messageId: 'a', body: {} }), sqsRecord({ messageId: 'b', body: {} })]),
        lambdaContext(),
      ),
    );

    // Assess
    const ids = lines
      .filter((l) => l.message === 'dependency call retried')
      .map((l) => [l.messageId, l.correlation_id]);
    expect(ids.sort()).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
  });

  it("a retry line written during an HTTP request carries the request's correlation_id", async () => {
    // Arrange
    const logger = new Logger({ serviceName: 'orders' });
    const call = flaky(logger, 1);
    const handler = httpHandler(
      async () => {
        await call();
        return { statusCode: 200, body: {} };
      },
      { logger },
    );
    const event = {
      version: '2.0',
      rawPath: '/orders',
      headers: { 'x-correlation-id': 'req-7' },
      requestContext: { http: { method: 'GET', path: '/orders' } },
      isBase64Encoded: false,
    };

    // Act
    const lines = await captured(() => handler(event as never, lambdaContext()));

    // Assess
    expect(lines.find((l) => l.message === 'dependency call retried')).toMatchObject({
      correlation_id: 'req-7',
      dependency: 'edna',
    });
  });

  it("under middy, a retry line carries the request's correlation_id (httpMiddleware) and the record's id (sqsBatchMiddleware)", async () => {
    // Arrange
    const logger = new Logger({ serviceName: 'orders' });
    const httpCall = flaky(logger, 1);
    const sqsCall = flaky(logger, 1);
    const http = middy(async () => {
      await httpCall();
      return { statusCode: 200, body: {} };
    }).use(httpMiddleware({ logger }));
    const sqs = middy().use(sqsBatchMiddleware(async () => sqsCall(), { logger }));
    const event = {
      version: '2.0',
      rawPath: '/orders',
      headers: { 'x-correlation-id': 'req-9' },
      requestContext: { http: { method: 'GET', path: '/orders' } },
      isBase64Encoded: false,
    };

    // Act
    const lines = await captured(async () => {
      await http(event as never, lambdaContext());
      await sqs(sqsEvent([sqsRecord({ messageId: 'm-9', body: {} })]) as never, lambdaContext());
    });

    // Assess
    const retries = lines.filter((l) => l.message === 'dependency call retried');
    expect(retries.map((l) => [l.correlation_id, l.messageId])).toEqual([
      ['req-9', undefined],
      ['m-9', 'm-9'],
    ]);
  });
});
