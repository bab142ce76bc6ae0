import { lambdaContext, sqsEvent, sqsRecord } from '@bulwark/testing';
import { describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { type SqsHandlerOptions, sqsHandler } from '../index.js';

describe('sqsHandler: bad input', () => {
  it.each([
    ['undefined', undefined, 'undefined'],
    ['a string', 'handler', 'string'],
    ['an object', { handle: () => undefined }, 'object'],
    ['null', null, 'null'],
  ])('refuses a record handler that is %s at construction, saying what it got', (_label, value, got) => {
    // Act + Assess
    expect(() => sqsHandler(value as never)).toThrow(TypeError);
    expect(() => sqsHandler(value as never)).toThrow(
      new TypeError(
        `sqsHandler: recordHandler must be a function (record, ctx) => Promise<unknown>; got ${got}.`,
      ),
    );
  });

  it.each<[string, SqsHandlerOptions, RegExp]>([
    ['body', { body: 'xml' as never }, /sqsHandler: body must be 'json' or 'text', got "xml"/],
    ['schema', { schema: { parse: () => 1 } as never }, /sqsHandler: schema must be a Standard Schema/],
    ['fifo', { fifo: 'yes' as never }, /sqsHandler: fifo must be a boolean/],
    [
      'skipGroupOnError without FIFO',
      { fifo: false, skipGroupOnError: true },
      /sqsHandler: skipGroupOnError must be false when fifo is false/,
    ],
    [
      'parallel FIFO',
      { fifo: true, processInParallel: true },
      /sqsHandler: processInParallel must be false when fifo is true/,
    ],
    [
      'onPermanentFailure',
      { onPermanentFailure: 'drop' as never },
      /sqsHandler: onPermanentFailure must be .*got "drop"/,
    ],
    [
      'skipWhenBreakerOpen',
      { skipWhenBreakerOpen: [{ state: 'open' }] as never },
      /skipWhenBreakerOpen\[0\]/,
    ],
    [
      'a negative margin',
      { deadline: { safetyMarginMs: -1 } },
      /deadline\.safetyMarginMs must be a number of ms between 0 and 2147483647, got -1/,
    ],
    [
      'a NaN estimate',
      { deadline: { initialRecordEstimateMs: Number.NaN } },
      /deadline\.initialRecordEstimateMs/,
    ],
    [
      'a persistence store',
      { idempotency: { persistenceStore: {} as never } },
      /idempotency\.persistenceStore/,
    ],
    [
      'a logger',
      { logger: { log: console.log } as never },
      /sqsHandler: logger must be a logger with debug, info, warn and error/,
    ],
    ['metrics', { metrics: {} as never }, /sqsHandler: metrics must be/],
    ['publishMetrics', { publishMetrics: 1 as never }, /sqsHandler: publishMetrics must be a boolean, got 1/],
  ])(
    'refuses an invalid option (%s) at construction, naming the field and the value',
    (_label, options, message) => {
      // Act + Assess
      expect(() => sqsHandler(() => undefined, options)).toThrow(TypeError);
      expect(() => sqsHandler(() => undefined, options)).toThrow(message);
    },
  );

  it.each([
    ['undefined', undefined, /expected an SQS event/],
    ['a string', 'hello', /expected an SQS event/],
    ['an object without Records', { detail: {} }, /event\.Records is undefined/],
    ['an empty batch', { Records: [] }, /event\.Records is empty/],
    [
      'a Kinesis event',
      { Records: [{ eventSource: 'aws:kinesis', kinesis: { data: 'eA==' } }] },
      /Records\[0\]\.eventSource is "aws:kinesis", not "aws:sqs"/,
    ],
    [
      'a record without messageId',
      { Records: [{ eventSource: 'aws:sqs', body: '{}' }] },
      /Records\[0\]\.messageId/,
    ],
  ])('rejects %s at invocation with a TypeError, before any record runs', async (_label, event, message) => {
    // Prepare
    const recordHandler = vi.fn();
    const handler = sqsHandler(recordHandler, { logger: new CapturingLogger() });
    // Act + Assess
    await expect(handler(event, lambdaContext())).rejects.toThrow(TypeError);
    await expect(handler(event, lambdaContext())).rejects.toThrow(message);
    expect(recordHandler).not.toHaveBeenCalled();
  });

  it('rejects a batch with one bad record whole: the good records are not run (and so not lost)', async () => {
    // Prepare
    const recordHandler = vi.fn();
    const handler = sqsHandler(recordHandler, { logger: new CapturingLogger() });
    const event = { Records: [sqsRecord(), { ...sqsRecord(), body: undefined }] };
    // Act + Assess
    await expect(handler(event, lambdaContext())).rejects.toThrow(/Records\[1\]\.body must be a string/);
    expect(recordHandler).not.toHaveBeenCalled();
  });

  it('works without a Lambda context (no deadline guard then)', async () => {
    // Prepare
    const handler = sqsHandler(() => undefined, { logger: new CapturingLogger() });
    // Act
    const response = await handler(sqsEvent([{}]));
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
  });
});
