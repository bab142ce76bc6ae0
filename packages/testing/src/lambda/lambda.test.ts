import { createHash } from 'node:crypto';
import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { albEvent } from './albEvent.js';
import { apiGatewayRestEvent } from './apiGatewayRestEvent.js';
import { apiGatewayV2Event } from './apiGatewayV2Event.js';
import { DEFAULT_LAMBDA_CONTEXT, lambdaContext } from './lambdaContext.js';
import { sqsEvent } from './sqsEvent.js';
import { DEFAULT_QUEUE_ARN, sqsRecord } from './sqsRecord.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sqsRecord', () => {
  it('builds a standard record with a JSON body, receive count and message attributes', () => {
    // Act
    const record = sqsRecord({
      body: { orderId: 7 },
      receiveCount: 3,
      attributesOf: { tenant: 'a', weight: 2 },
    });

    // Assess
    expect(record.body).toBe('{"orderId":7}');
    expect(record.eventSource).toBe('aws:sqs');
    expect(record.eventSourceARN).toBe(DEFAULT_QUEUE_ARN);
    expect(record.awsRegion).toBe('us-east-1');
    expect(record.attributes.ApproximateReceiveCount).toBe('3');
    expect(record.attributes.MessageGroupId).toBeUndefined();
    expect(record.md5OfBody).toBe(createHash('md5').update('{"orderId":7}').digest('hex'));
    expect(record.messageAttributes).toEqual({
      tenant: { stringValue: 'a', stringListValues: [], binaryListValues: [], dataType: 'String' },
      weight: { stringValue: '2', stringListValues: [], binaryListValues: [], dataType: 'Number' },
    });
  });

  it('builds a FIFO record: .fifo ARN, group, deduplication id, sequence number', () => {
    // Act
    const record = sqsRecord({ body: 'x', fifo: { groupId: 'customer-1' } });

    // Assess
    expect(record.eventSourceARN).toBe(`${DEFAULT_QUEUE_ARN}.fifo`);
    expect(record.attributes.MessageGroupId).toBe('customer-1');
    expect(record.attributes.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(record.attributes.SequenceNumber).toMatch(/^\d{20}$/);
  });

  it('gives every record its own message id', () => {
    expect(sqsRecord().messageId).not.toBe(sqsRecord().messageId);
  });

  it.each([
    { input: { receiveCount: 0 }, message: 'sqsRecord: receiveCount must be an integer >= 1, got 0' },
    { input: { fifo: { groupId: '' } }, message: 'sqsRecord: fifo.groupId must be a non-empty string' },
  ])('rejects $message', ({ input, message }) => {
    expect(() => sqsRecord(input)).toThrow(TypeError);
    expect(() => sqsRecord(input)).toThrow(message);
  });
});

describe('sqsEvent', () => {
  it('puts every record of a FIFO event in one group with rising sequence numbers', () => {
    // Act
    const event = sqsEvent({ records: [{ body: 'a' }, { body: 'b' }, { body: 'c' }], fifo: true });

    // Assess
    const groups = event.Records.map((record) => record.attributes.MessageGroupId);
    const sequence = event.Records.map((record) => BigInt(record.attributes.SequenceNumber!));
    expect(groups).toEqual(['group-1', 'group-1', 'group-1']);
    expect(sequence[0]! < sequence[1]! && sequence[1]! < sequence[2]!).toBe(true);
  });

  it('keeps a record that names its own group', () => {
    const event = sqsEvent({ records: [{ fifo: { groupId: 'own' } }, {}], fifo: { groupId: 'shared' } });
    expect(event.Records.map((record) => record.attributes.MessageGroupId)).toEqual(['own', 'shared']);
  });

  it('is accepted by Powertools batch: a failure becomes a batchItemFailure', async () => {
    // Prepare
    const event = sqsEvent([{ body: { ok: true } }, { body: { ok: false } }]);
    const handler = async (record: SQSRecord): Promise<void> => {
      if (!(JSON.parse(record.body) as { ok: boolean }).ok) throw new Error('bad record');
    };

    // Act
    const result = await processPartialResponse(event, handler, new BatchProcessor(EventType.SQS), {
      context: lambdaContext(),
    });

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1]!.messageId }] });
  });

  it('is accepted by the Powertools FIFO processor, which fails the rest of a group', async () => {
    // Prepare
    const event = sqsEvent({ records: [{ body: 'ok' }, { body: 'fail' }, { body: 'ok' }], fifo: true });
    const handler = async (record: SQSRecord): Promise<void> => {
      if (record.body === 'fail') throw new Error('bad record');
    };

    // Act
    const result = await processPartialResponse(event, handler, new SqsFifoPartialProcessorAsync());

    // Assess
    expect(result.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      event.Records.slice(1).map((record) => record.messageId),
    );
  });

  it('rejects records that are not an array', () => {
    expect(() => sqsEvent({ records: 'nope' } as never)).toThrow(
      'sqsEvent: records must be an array, got nope',
    );
  });
});

describe('HTTP events', () => {
  it('apiGatewayV2Event: method, path, query, JSON body, lower-cased headers', () => {
    // Act
    const event = apiGatewayV2Event({
      method: 'post',
      path: '/orders?dryRun=1&tag=a&tag=b',
      body: { id: 7 },
      headers: { 'X-Tenant': 'a' },
    });

    // Assess
    expect(event.version).toBe('2.0');
    expect(event.requestContext.http.method).toBe('POST');
    expect(event.rawPath).toBe('/orders');
    expect(event.rawQueryString).toBe('dryRun=1&tag=a&tag=b');
    expect(event.queryStringParameters).toEqual({ dryRun: '1', tag: 'a,b' });
    expect(event.body).toBe('{"id":7}');
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers['x-tenant']).toBe('a');
  });

  it('apiGatewayRestEvent: v1 shape with multi-value query and null body', () => {
    // Act
    const event = apiGatewayRestEvent({ method: 'DELETE', path: '/orders/7?tag=a&tag=b' });

    // Assess
    expect(event.httpMethod).toBe('DELETE');
    expect(event.path).toBe('/orders/7');
    expect(event.multiValueQueryStringParameters).toEqual({ tag: ['a', 'b'] });
    expect(event.body).toBeNull();
    expect(event.requestContext.identity.sourceIp).toBe('192.0.2.1');
  });

  it('albEvent: target group ARN and string body', () => {
    const event = albEvent({ method: 'POST', path: '/hooks', body: 'ping' });
    expect(event.requestContext.elb.targetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:/);
    expect(event.body).toBe('ping');
    expect(event.httpMethod).toBe('POST');
  });

  it.each([
    {
      build: () => apiGatewayV2Event({ path: 'orders' }),
      message: "apiGatewayV2Event: path must start with '/', got orders",
    },
    {
      build: () => apiGatewayRestEvent({ path: '' }),
      message: "apiGatewayRestEvent: path must start with '/'",
    },
    { build: () => albEvent({ path: 'x' }), message: "albEvent: path must start with '/'" },
  ])('rejects $message', ({ build, message }) => {
    expect(build).toThrow(message);
  });
});

describe('lambdaContext', () => {
  it('runs its remaining time down with fake timers', () => {
    // Prepare
    vi.useFakeTimers();
    const context = lambdaContext({ remainingMs: 1_000 });

    // Act
    const atStart = context.getRemainingTimeInMillis();
    vi.advanceTimersByTime(400);
    const later = context.getRemainingTimeInMillis();
    vi.advanceTimersByTime(5_000);
    const expired = context.getRemainingTimeInMillis();

    // Assess
    expect([atStart, later, expired]).toEqual([1_000, 600, 0]);
  });

  it('reads an injected clock', () => {
    let now = 10_000;
    const context = lambdaContext({ remainingMs: 500, now: () => now });
    now += 123;
    expect(context.getRemainingTimeInMillis()).toBe(377);
  });

  it('documents its defaults in DEFAULT_LAMBDA_CONTEXT', () => {
    vi.useFakeTimers();
    const context = lambdaContext();
    expect(context.getRemainingTimeInMillis()).toBe(DEFAULT_LAMBDA_CONTEXT.remainingMs);
    expect(context.functionName).toBe(DEFAULT_LAMBDA_CONTEXT.functionName);
    expect(context.memoryLimitInMB).toBe(DEFAULT_LAMBDA_CONTEXT.memoryLimitInMB);
    expect(context.invokedFunctionArn).toBe(
      `arn:aws:lambda:us-east-1:123456789012:function:${DEFAULT_LAMBDA_CONTEXT.functionName}`,
    );
  });

  it.each([
    {
      options: { remainingMs: -1 },
      message: 'lambdaContext: remainingMs must be a number of ms >= 0 and <= 2147483647, got -1',
    },
    { options: { functionName: '' }, message: 'lambdaContext: functionName must be a non-empty string' },
  ])('rejects $message', ({ options, message }) => {
    expect(() => lambdaContext(options)).toThrow(message);
  });
});
