// Conformance: the scenarios the SQS API reference documents, played through the real @aws-sdk/client-sqs
// (awsJson1_0 with query-compatible errors) against the emulator. Error names are the SDK's exception classes,
// so a typo in the emulator's `__type` or query-error header fails here rather than in a user's test.
// The rules held here, from the SQS API reference:
// - RedrivePolicy: "maxReceiveCount: the number of times a message is delivered to the source queue before
//   being moved to the dead-letter queue".
// - StartMessageMoveTask: "only supports message redrive from queues that are configured as DLQs of other
//   SQS queues"; "Only one active message movement task is supported per queue at any given time";
//   without DestinationArn, messages go back to their original source queues; MaxNumberOfMessagesPerSecond
//   "cannot be higher than 500".
// - ListMessageMoveTasks: MaxResults 1-10 (default 1), most recent first; TaskHandle "only returned if the
//   task is in RUNNING status".
// - DeleteMessage: "If you receive a message more than once, ... provide the most recently received receipt
//   handle for the message (otherwise, the request succeeds, but the message will not be deleted)".
// - ChangeMessageVisibility on a message that is not in flight: MessageNotInflight.
import {
  CancelMessageMoveTaskCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  MessageNotInflight,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  RequestThrottled,
  ResourceNotFoundException,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  TooManyEntriesInBatchRequest,
  UnsupportedOperation,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rejection, sdkClient } from '../__support__/sdkConformance.js';
import { takeScriptErrors } from '../msw/scriptErrors.js';
import { useMswServer } from '../msw/useMswServer.js';
import { SQS_OPERATIONS, sqsEmulator } from './sqsEmulator.js';

const sqs = sqsEmulator();
const manual = sqsEmulator({ region: 'eu-west-1', moveTasks: 'manual' });
useMswServer(...sqs.handlers, ...manual.handlers);
const client = sdkClient(SQSClient);
const euClient = sdkClient(SQSClient, 'eu-west-1');

function orders(emulator = sqs) {
  emulator.createQueue('orders-dlq');
  const url = emulator.createQueue('orders', { deadLetterQueue: 'orders-dlq', maxReceiveCount: 2 });
  return { url, dlqUrl: emulator.queueUrl('orders-dlq'), dlqArn: emulator.queueArn('orders-dlq') };
}

beforeEach(() => {
  sqs.reset();
  manual.reset();
});
afterEach(() => vi.useRealTimers());

describe('queues and attributes', () => {
  it('GetQueueUrl answers the URL, and an unknown name QueueDoesNotExist', async () => {
    const { url } = orders();

    const out = await client.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    const error = await rejection(client.send(new GetQueueUrlCommand({ QueueName: 'nope' })));

    expect(out.QueueUrl).toBe(url);
    expect(out.QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/orders');
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('GetQueueAttributes gives counts, the ARN and the redrive policy', async () => {
    const { url, dlqUrl } = orders();
    sqs.send('orders', 'a');
    sqs.send('orders', 'b');
    await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));

    const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    const dlq = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn', 'RedrivePolicy'] }),
    );

    expect(out.Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:123456789012:orders',
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '0',
    });
    expect(JSON.parse(out.Attributes?.RedrivePolicy ?? '')).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:orders-dlq',
      maxReceiveCount: 2,
    });
    expect(dlq.Attributes).toEqual({ QueueArn: 'arn:aws:sqs:us-east-1:123456789012:orders-dlq' });
  });

  it('ListDeadLetterSourceQueues names every queue whose redrive policy targets the DLQ, paginated', async () => {
    const { url, dlqUrl } = orders();
    const other = sqs.createQueue('refunds', { deadLetterQueue: 'orders-dlq' });

    const all = await client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
    const first = await client.send(
      new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl, MaxResults: 1 }),
    );
    const second = await client.send(
      new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl, MaxResults: 1, NextToken: first.NextToken }),
    );

    expect(all.queueUrls).toEqual([url, other]);
    expect([...(first.queueUrls ?? []), ...(second.queueUrls ?? [])]).toEqual([url, other]);
    expect(second.NextToken).toBeUndefined();
  });
});

describe('messages', () => {
  it('SendMessage and ReceiveMessage round-trip the body with the MD5 the SDK checks', async () => {
    const { url } = orders();

    const sent = await client.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: '{"orderId":"o-1"}' }),
    );
    const got = await client.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );

    expect(got.Messages?.[0]).toMatchObject({
      MessageId: sent.MessageId,
      Body: '{"orderId":"o-1"}',
      Attributes: { ApproximateReceiveCount: '1' },
    });
  });

  it('a received message is invisible until its visibility timeout passes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { url } = orders();
    sqs.send('orders', 'a');

    await client.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 10 }));
    const during = await client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    vi.advanceTimersByTime(10_000);
    const after = await client.send(new ReceiveMessageCommand({ QueueUrl: url }));

    expect(during.Messages).toBeUndefined();
    expect(after.Messages).toHaveLength(1);
  });

  it('after maxReceiveCount receives the next receive moves the message to the DLQ with its source ARN', async () => {
    const { url, dlqUrl } = orders();
    const id = sqs.send('orders', 'a');

    for (let i = 0; i < 2; i++) {
      await client.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }));
    }
    const third = await client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const dead = await client.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }),
    );

    expect(third.Messages).toBeUndefined();
    expect(dead.Messages?.[0]?.MessageId).toBe(id);
    expect(dead.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn).toBe(sqs.queueArn('orders'));
  });

  it('DeleteMessage with the latest handle deletes; a stale one succeeds and deletes nothing; garbage is refused', async () => {
    const { url } = orders();
    sqs.send('orders', 'a');
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }));
    const second = await client.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }));

    await client.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );
    const afterStale = sqs.messages('orders').length;
    await client.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: second.Messages?.[0]?.ReceiptHandle }),
    );
    const garbage = await rejection(
      client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'nope' })),
    );

    expect(afterStale).toBe(1);
    expect(sqs.messages('orders')).toHaveLength(0);
    expect(garbage).toBeInstanceOf(ReceiptHandleIsInvalid);
  });

  it('batches: SendMessageBatch and DeleteMessageBatch, more than 10 entries refused', async () => {
    const { url } = orders();

    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two' },
        ],
      }),
    );
    const got = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const deleted = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: (got.Messages ?? []).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    const tooMany = await rejection(
      client.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })),
        }),
      ),
    );

    expect(sent.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(deleted.Successful).toHaveLength(2);
    expect(sqs.messages('orders')).toHaveLength(0);
    expect(tooMany).toBeInstanceOf(TooManyEntriesInBatchRequest);
  });

  it('ChangeMessageVisibility on an in-flight message, and MessageNotInflight once it is visible', async () => {
    const { url } = orders();
    sqs.send('orders', 'a');
    const got = await client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const handle = got.Messages?.[0]?.ReceiptHandle;

    await client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 }),
    );
    const again = await rejection(
      client.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 5 }),
      ),
    );

    expect(sqs.messages('orders')[0]?.visible).toBe(true);
    expect(again).toBeInstanceOf(MessageNotInflight);
  });
});

describe('message move tasks', () => {
  it('StartMessageMoveTask without a destination returns each message to its source queue', async () => {
    const { dlqArn } = orders();
    sqs.createQueue('refunds', { deadLetterQueue: 'orders-dlq' });
    sqs.send('orders-dlq', 'o', { deadLetterSourceQueue: 'orders' });
    sqs.send('orders-dlq', 'r', { deadLetterSourceQueue: 'refunds' });

    const started = await client.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    const listed = await client.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 }));

    expect(started.TaskHandle).toEqual(expect.any(String));
    expect(sqs.messages('orders').map((m) => m.body)).toEqual(['o']);
    expect(sqs.messages('refunds').map((m) => m.body)).toEqual(['r']);
    expect(listed.Results?.[0]).toMatchObject({
      Status: 'COMPLETED',
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 2,
    });
    expect(listed.Results?.[0]?.TaskHandle).toBeUndefined();
  });

  it('a DestinationArn takes every message; the rate is kept; one active task per source', async () => {
    const { dlqArn } = orders(manual);
    manual.send('orders-dlq', 'o', { deadLetterSourceQueue: 'orders' });
    manual.createQueue('elsewhere');

    const started = await euClient.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: manual.queueArn('elsewhere'),
        MaxNumberOfMessagesPerSecond: 5,
      }),
    );
    const second = await rejection(euClient.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn })));
    const running = await euClient.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    manual.runMoveTasks();

    expect(second).toBeInstanceOf(UnsupportedOperation);
    expect(running.Results?.[0]).toMatchObject({
      Status: 'RUNNING',
      TaskHandle: started.TaskHandle,
      MaxNumberOfMessagesPerSecond: 5,
    });
    expect(manual.messages('elsewhere').map((m) => m.body)).toEqual(['o']);
  });

  it('CancelMessageMoveTask cancels a running task; the messages stay', async () => {
    const { dlqArn } = orders(manual);
    manual.send('orders-dlq', 'o', { deadLetterSourceQueue: 'orders' });
    const { TaskHandle } = await euClient.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));

    const out = await euClient.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    const again = await rejection(euClient.send(new CancelMessageMoveTaskCommand({ TaskHandle })));

    expect(out.ApproximateNumberOfMessagesMoved).toBe(0);
    expect(manual.moveTasks()[0]?.status).toBe('CANCELLED');
    expect(again).toBeInstanceOf(UnsupportedOperation);
    expect(manual.messages('orders-dlq')).toHaveLength(1);
  });

  it('refuses a source that is no DLQ, an unknown ARN and a rate above 500', async () => {
    orders();

    const notDlq = await rejection(
      client.send(new StartMessageMoveTaskCommand({ SourceArn: sqs.queueArn('orders') })),
    );
    const unknown = await rejection(
      client.send(new StartMessageMoveTaskCommand({ SourceArn: sqs.queueArn('ghost') })),
    );
    const fast = await rejection(
      client.send(
        new StartMessageMoveTaskCommand({
          SourceArn: sqs.queueArn('orders-dlq'),
          MaxNumberOfMessagesPerSecond: 501,
        }),
      ),
    );

    expect(notDlq.name).toBe('InvalidParameterValue');
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(fast.name).toBe('InvalidParameterValue');
    expect(fast.message).toMatch(/500/);
  });
});

describe('the wire shape', () => {
  it('answers errors as SQS does: a namespaced __type, the query-compatible code header, JSON 1.0', async () => {
    // A raw request, so a client that reads only one of the two error fields cannot hide a wrong other one.
    const response = await fetch('https://sqs.us-east-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.GetQueueUrl', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ QueueName: 'nope' }),
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(response.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
  });
});

describe('fault knobs and unknown operations', () => {
  it('throttleNext answers RequestThrottled, deny answers AccessDenied naming the action', async () => {
    const { dlqArn } = orders();
    sqs.throttleNext(1);
    sqs.deny('StartMessageMoveTask');

    const throttled = await rejection(client.send(new GetQueueUrlCommand({ QueueName: 'orders' })));
    const denied = await rejection(client.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn })));

    expect(throttled).toBeInstanceOf(RequestThrottled);
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toMatch(/not authorized to perform: sqs:StartMessageMoveTask/);
    expect(denied.$metadata?.httpStatusCode).toBe(403);
  });

  it('an operation it does not emulate is an SDK-shaped UnknownOperationException naming it, and a script error', async () => {
    const error = await rejection(client.send(new ListQueuesCommand({})));
    const recorded = takeScriptErrors(sqs.handlers);

    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toMatch(/does not emulate AmazonSQS\.ListQueues/);
    expect(recorded).toHaveLength(1);
    expect(sqs.calls.ListQueues).toBe(1);
  });

  it('counts every operation it answers', () => {
    expect(Object.keys(sqs.calls).sort()).toEqual([...SQS_OPERATIONS].sort());
  });

  it.each([
    [{ region: 'mars' }, /region must look like/],
    [{ moveTasks: 'later' }, /moveTasks must be 'immediate' or 'manual'/],
    [{ regoin: 'us-east-1' }, /unknown option "regoin"; did you mean "region"\?/],
  ])('refuses bad options %o', (options, message) => {
    expect(() => sqsEmulator(options as never)).toThrow(message);
  });

  it('refuses seeding a queue that does not exist and a maxReceiveCount without a DLQ', () => {
    expect(() => sqs.send('ghost', 'a')).toThrow(/no queue "ghost"/);
    expect(() => sqs.createQueue('q', { maxReceiveCount: 2 })).toThrow(/needs deadLetterQueue/);
  });
});
