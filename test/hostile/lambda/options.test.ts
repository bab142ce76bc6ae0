// Item 6: unknown option keys are refused at construction with the nearest valid key; contradictory options
// too; the logger is typed structurally, so a console-like object works.

import { breakerProbeHandler, httpHandler, sqsHandler } from '@bulwark/lambda';
import { httpMiddleware, sqsBatchMiddleware } from '@bulwark/lambda/middy';
import { apiGatewayV2Event, lambdaContext, sqsEvent, sqsRecord } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';

const work = async () => undefined;
const dependencies = [{ name: 'edna', check: async () => true }];

describe('unknown option keys (item 6)', () => {
  it.each([
    [
      'sqsHandler',
      'onPermanentFaliure',
      'onPermanentFailure',
      () => sqsHandler(work, { onPermanentFaliure: 'acknowledge' } as never),
    ],
    ['sqsHandler', 'parallel', 'processInParallel', () => sqsHandler(work, { parallel: true } as never)],
    [
      'sqsHandler',
      'safetyMargin',
      'safetyMarginMs',
      () => sqsHandler(work, { deadline: { safetyMargin: 100 } } as never),
    ],
    [
      'sqsHandler',
      'keyPrefx',
      'keyPrefix',
      () => sqsHandler(work, { idempotency: { persistenceStore: {}, keyPrefx: 'x' } } as never),
    ],
    [
      'httpHandler',
      'correlationHeader',
      'correlationIdHeader',
      () => httpHandler(work, { correlationHeader: 'x-id' } as never),
    ],
    [
      'httpHandler',
      'safetyMargin',
      'safetyMarginMs',
      () => httpHandler(work, { deadline: { safetyMargin: 1 } } as never),
    ],
    [
      'breakerProbeHandler',
      'failThreshold',
      'failureThreshold',
      () => breakerProbeHandler({ dependencies, failThreshold: 2 } as never),
    ],
    [
      'breakerProbeHandler',
      'timeout',
      'timeoutMs',
      () =>
        breakerProbeHandler({ dependencies: [{ name: 'edna', url: 'https://e.test', timeout: 5 }] } as never),
    ],
    [
      'httpMiddleware',
      'correlationHeader',
      'correlationIdHeader',
      () => httpMiddleware({ correlationHeader: 'x-id' } as never),
    ],
    [
      'sqsBatchMiddleware',
      'onPermanentFaliure',
      'onPermanentFailure',
      () => sqsBatchMiddleware(work, { onPermanentFaliure: 'report' } as never),
    ],
  ])('%s refuses %s (did you mean %s?)', (_owner, key, near, make) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(key);
    expect(make).toThrow(`did you mean "${near}"`);
  });

  it('sqsHandler refuses processInParallel with skipGroupOnError (they contradict)', () => {
    expect(() => sqsHandler(work, { processInParallel: true, skipGroupOnError: true })).toThrow(
      /processInParallel.*skipGroupOnError|skipGroupOnError.*processInParallel/,
    );
  });

  it.each([
    [
      'a throwing getter',
      {
        get body() {
          throw new Error('x');
        },
      },
    ],
    [
      'a Proxy',
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('x');
          },
        },
      ),
    ],
  ])('sqsHandler turns options with %s into a TypeError', (_label, options) => {
    expect(() => sqsHandler(work, options as never)).toThrow(TypeError);
  });
});

describe('a structurally typed logger (item 6)', () => {
  const consoleLike = () => {
    const lines: unknown[][] = [];
    const write = (...args: unknown[]) => void lines.push(args);
    const logger = {
      lines,
      debug: write,
      info: write,
      warn: write,
      error: write,
      createChild: () => logger,
      appendKeys: () => undefined,
      setCorrelationId: () => undefined,
    };
    return logger;
  };

  it('sqsHandler writes its summary through a console-like logger', async () => {
    const logger = consoleLike();
    const handler = sqsHandler(work, { logger });
    await handler(sqsEvent([sqsRecord({ messageId: 'a' })]), lambdaContext());
    expect(JSON.stringify(logger.lines)).toContain('SQS batch summary');
  });

  it('httpHandler writes its failure line through a console-like logger', async () => {
    const logger = consoleLike();
    const handler = httpHandler(
      () => {
        throw new Error('boom');
      },
      { logger },
    );
    const response = await handler(apiGatewayV2Event({}), lambdaContext());
    expect(response.statusCode).toBe(500);
    expect(JSON.stringify(logger.lines)).toContain('request failed');
  });
});
