// Item 5: batches. FullBatchFailureError (and isFullBatchFailure) exported; every record skipped by an open
// breaker (an operator's forced-open included) is a documented full-batch failure; FIFO records without a
// MessageGroupId are refused before any record runs; a NaN remaining time means "no deadline known".

import * as lambda from '@bulwark/lambda';
import { sqsHandler } from '@bulwark/lambda';
import { DEFAULT_QUEUE_ARN, lambdaContext, sqsEvent, sqsRecord } from '@bulwark/testing';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { StreamLogger } from './support/StreamLogger.js';

const exported = lambda as unknown as {
  FullBatchFailureError?: new (...args: never[]) => Error;
  isFullBatchFailure?: (value: unknown) => boolean;
};

describe('full-batch failures (item 5)', () => {
  it('exports FullBatchFailureError and isFullBatchFailure', () => {
    expect(typeof exported.FullBatchFailureError).toBe('function');
    expect(typeof exported.isFullBatchFailure).toBe('function');
  });

  it.each(['open', 'isolated', 'forced-open'])(
    'every record skipped because a breaker is %s: a FullBatchFailureError saying so, no handler call',
    async (state) => {
      // Prepare
      const work = vi.fn();
      const logger = new StreamLogger();
      const handler = sqsHandler(work, { logger, skipWhenBreakerOpen: [{ name: 'edna', state }] });
      const event = sqsEvent([sqsRecord({ messageId: 'a' }), sqsRecord({ messageId: 'b' })]);
      // Act
      const error = await handler(event, lambdaContext()).then(
        () => undefined,
        (e: unknown) => e,
      );
      // Assess
      expect(work).not.toHaveBeenCalled();
      expect(exported.isFullBatchFailure?.(error)).toBe(true);
      expect(error).toBeInstanceOf(exported.FullBatchFailureError as never);
      expect((error as { summary?: { skipped: { breakerOpen: number } } }).summary?.skipped.breakerOpen).toBe(
        2,
      );
      expect((error as Error).message).toMatch(/breaker/);
      expect((error as Error).stack?.split('\n')[0]).toBe(
        `FullBatchFailureError: ${(error as Error).message}`,
      );
    },
  );

  it('with throwOnFullBatchFailure false, every record skipped by an open breaker is reported', async () => {
    const handler = sqsHandler(vi.fn(), {
      logger: new StreamLogger(),
      skipWhenBreakerOpen: [{ name: 'edna', state: 'forced-open' }],
      throwOnFullBatchFailure: false,
    });
    const response = await handler(sqsEvent([sqsRecord({ messageId: 'a' })]), lambdaContext());
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'a' }]);
  });
});

describe('a dependency whose state cannot be read (item 5)', () => {
  it('is not open: records run, the batch is not lost to a throwing getter', async () => {
    const work = vi.fn();
    const broken = {
      name: 'edna',
      get state(): string {
        throw new Error('state unreadable');
      },
    };
    const handler = sqsHandler(work, { logger: new StreamLogger(), skipWhenBreakerOpen: [broken] });
    const response = await handler(sqsEvent([sqsRecord({ messageId: 'a' })]), lambdaContext());
    expect(response.batchItemFailures).toEqual([]);
    expect(work).toHaveBeenCalledTimes(1);
  });
});

describe('FIFO without MessageGroupId (item 5)', () => {
  it('refuses the batch before any record runs', async () => {
    // Prepare
    const work = vi.fn();
    const handler = sqsHandler(work, { logger: new StreamLogger(), skipGroupOnError: true });
    const fifoArn = DEFAULT_QUEUE_ARN.replace(/$/, '.fifo');
    const good = sqsRecord({ messageId: 'a', eventSourceARN: fifoArn, fifo: { groupId: 'g1' } });
    const missing = sqsRecord({ messageId: 'b', eventSourceARN: fifoArn });
    // Act + Assess
    await expect(handler(sqsEvent([good, missing]), lambdaContext())).rejects.toThrow(/MessageGroupId/);
    expect(work).not.toHaveBeenCalled();
  });
});

describe('getRemainingTimeInMillis() returning NaN (item 5)', () => {
  const nanContext = (): Context => ({ ...lambdaContext(), getRemainingTimeInMillis: () => Number.NaN });

  it('sqsHandler runs every record (no deadline known)', async () => {
    const work = vi.fn();
    const handler = sqsHandler(work, { logger: new StreamLogger() });
    const response = await handler(
      sqsEvent([sqsRecord({ messageId: 'a' }), sqsRecord({ messageId: 'b' })]),
      nanContext(),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('httpHandler answers normally and ctx.remainingMs() is Infinity', async () => {
    let remaining: number | undefined;
    const handler = lambda.httpHandler(
      (_e, ctx) => {
        remaining = ctx.remainingMs();
        return { ok: true };
      },
      { logger: new StreamLogger() },
    );
    const { apiGatewayV2Event } = await import('@bulwark/testing');
    const response = await handler(apiGatewayV2Event({}), nanContext());
    expect(response.statusCode).toBe(200);
    expect(remaining).toBe(Number.POSITIVE_INFINITY);
  });
});
