// `bulwark dlq` when SQS refuses: throttling, a missing permission, an unknown queue, a 500. Each ends with exit 1
// and a message naming the call, the queue and what to do; nothing is moved.
import { sqsEmulator, useMswServer } from '@bulwark/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { dlq, sqsClient } from './support.js';

const sqs = sqsEmulator();
useMswServer(...sqs.handlers);

function ordersWithDeadLetters(count = 3): void {
  sqs.createQueue('orders-dlq');
  sqs.createQueue('orders', { deadLetterQueue: 'orders-dlq', maxReceiveCount: 3 });
  for (let i = 0; i < count; i++)
    sqs.send('orders-dlq', `{"orderId":"o-${i + 1}"}`, { deadLetterSourceQueue: 'orders' });
}

beforeEach(() => sqs.reset());

describe('bulwark dlq: SQS refusing', () => {
  it('throttling exits 1 naming the error and the call, after the SDK retries', async () => {
    ordersWithDeadLetters();
    sqs.throttleNext(3);

    // The SDK's default 3 attempts: every one throttled.
    const run = await dlq(['redrive', 'orders-dlq'], { client: sqsClient(3) });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SQS throttled GetQueueUrl on orders-dlq after 3 attempts \(RequestThrottled/);
    expect(sqs.calls.GetQueueUrl).toBe(3);
  }, 15_000);

  it('a role without sqs:StartMessageMoveTask exits 1 naming the missing action; nothing moved', async () => {
    ordersWithDeadLetters();
    sqs.deny('StartMessageMoveTask');

    const run = await dlq(['redrive', 'orders-dlq', '--yes']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /access denied: sqs:StartMessageMoveTask on orders-dlq \(AccessDenied: User: .* is not authorized/,
    );
    expect(run.stderr).toMatch(/The role needs sqs:GetQueueUrl/);
    expect(sqs.messages('orders-dlq')).toHaveLength(3);
  });

  it('a role without sqs:ListDeadLetterSourceQueues fails status the same way', async () => {
    ordersWithDeadLetters();
    sqs.deny('ListDeadLetterSourceQueues');

    const run = await dlq(['status', 'orders-dlq']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/access denied: sqs:ListDeadLetterSourceQueues on orders-dlq/);
  });

  it('an unknown queue exits 1 naming it', async () => {
    const run = await dlq(['status', 'nope']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /no queue nope in us-east-1: check the name, the account and --region \(QueueDoesNotExist/,
    );
  });

  it('a 500 from SQS exits 1 with its name', async () => {
    ordersWithDeadLetters();
    sqs.failNext(1);

    const run = await dlq(['status', 'orders-dlq']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SQS GetQueueUrl on orders-dlq failed after 1 attempt: InternalFailure/);
  });
});

describe('bulwark dlq: the --to queue', () => {
  it('a --to queue that does not exist exits 1 naming that queue, not the DLQ', async () => {
    ordersWithDeadLetters();

    const run = await dlq(['redrive', 'orders-dlq', '--to', 'ordres', '--yes']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no queue ordres in us-east-1/);
    expect(sqs.calls.StartMessageMoveTask).toBe(0);
  });
});
