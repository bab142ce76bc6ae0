// `bulwark dlq status|redrive|cancel` end to end: the real @aws-sdk/client-sqs against the SQS emulator, as an
// operator runs them during an incident.

import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, sqsEmulator, useMswServer } from '@bulwark/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { dlq } from './support.js';

const sqs = sqsEmulator();
// Move tasks that stay RUNNING until the test completes them, in another region.
const manual = sqsEmulator({ region: 'eu-west-1', moveTasks: 'manual' });
useMswServer(...sqs.handlers, ...manual.handlers);
const euClient = () => new SQSClient({ region: 'eu-west-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });

function manualOrders(): string {
  manual.createQueue('orders-dlq');
  manual.createQueue('orders', { deadLetterQueue: 'orders-dlq' });
  manual.send('orders-dlq', 'x', { deadLetterSourceQueue: 'orders' });
  return manual.queueUrl('orders-dlq');
}

const BODY = '{"orderId":"o-1","card":"4111-1111"}';

/** orders -> orders-dlq, with three dead-lettered messages. */
function ordersWithDeadLetters(count = 3): string[] {
  sqs.createQueue('orders-dlq');
  sqs.createQueue('orders', { deadLetterQueue: 'orders-dlq', maxReceiveCount: 3 });
  return Array.from({ length: count }, (_, i) =>
    sqs.send('orders-dlq', i === 0 ? BODY : `{"orderId":"o-${i + 1}"}`, { deadLetterSourceQueue: 'orders' }),
  );
}

beforeEach(() => {
  sqs.reset();
  manual.reset();
});

describe('bulwark dlq redrive: a dry run by default', () => {
  it('prints counts, the destination and sample message ids, never bodies, and moves nothing', async () => {
    // Prepare
    const ids = ordersWithDeadLetters();

    // Act
    const run = await dlq(['redrive', 'orders-dlq']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/messages\s+3 visible, 0 in flight, 0 delayed/);
    expect(run.stdout).toMatch(/destination\s+orders \(the only source queue\)/);
    for (const id of ids) expect(run.stdout).toContain(id);
    expect(run.stdout).toMatch(/bodies hidden/);
    expect(run.stdout).not.toContain('orderId');
    expect(run.stdout).toMatch(/dry run: nothing moved\. To start it: bulwark dlq redrive orders-dlq --yes/);
    expect(sqs.calls.StartMessageMoveTask).toBe(0);
    expect(sqs.calls.DeleteMessage + sqs.calls.SendMessage + sqs.calls.ChangeMessageVisibility).toBe(0);
    expect(sqs.messages('orders-dlq').map((m) => m.visible)).toEqual([true, true, true]);
    expect(sqs.messages('orders')).toHaveLength(0);
  });

  it('--show-bodies prints the sampled bodies', async () => {
    ordersWithDeadLetters(1);

    const run = await dlq(['redrive', 'orders-dlq', '--show-bodies']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(BODY);
  });

  it('--sample 0 takes no sample (no ReceiveMessage at all)', async () => {
    ordersWithDeadLetters();

    const run = await dlq(['redrive', 'orders-dlq', '--sample', '0']);

    expect(run.code).toBe(0);
    expect(sqs.calls.ReceiveMessage).toBe(0);
  });

  it('takes no sample from a DLQ with a redrive policy of its own (a receive would count toward it)', async () => {
    sqs.createQueue('last-resort');
    sqs.createQueue('orders-dlq', { deadLetterQueue: 'last-resort', maxReceiveCount: 1 });
    sqs.createQueue('orders', { deadLetterQueue: 'orders-dlq' });
    sqs.send('orders-dlq', 'x', { deadLetterSourceQueue: 'orders' });

    const run = await dlq(['redrive', 'orders-dlq']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sample\s+skipped: orders-dlq has a redrive policy of its own/);
    expect(sqs.calls.ReceiveMessage).toBe(0);
    expect(sqs.messages('last-resort')).toHaveLength(0);
  });

  it('an empty DLQ: nothing to move, no task', async () => {
    ordersWithDeadLetters(0);

    const run = await dlq(['redrive', 'orders-dlq', '--yes']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/nothing to move/);
    expect(sqs.calls.StartMessageMoveTask).toBe(0);
  });
});

describe('bulwark dlq redrive: starting the move task', () => {
  it('--yes starts one move task back to the source, at the rate given', async () => {
    const ids = ordersWithDeadLetters();

    const run = await dlq(['redrive', 'orders-dlq', '--yes', '--max-per-second', '25']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/started move task \S+/);
    expect(run.stdout).toMatch(/follow it: bulwark dlq status orders-dlq/);
    expect(sqs.calls.StartMessageMoveTask).toBe(1);
    expect(sqs.moveTasks()[0]).toMatchObject({ maxNumberOfMessagesPerSecond: 25, destinationArn: undefined });
    expect(sqs.messages('orders').map((m) => m.messageId)).toEqual(ids);
    expect(sqs.messages('orders-dlq')).toHaveLength(0);
  });

  it('--execute asks first: "no" moves nothing and exits 1, "yes" starts the task', async () => {
    ordersWithDeadLetters();

    const refused = await dlq(['redrive', 'orders-dlq', '--execute'], { answer: false });
    const accepted = await dlq(['redrive', 'orders-dlq', '--execute'], { answer: true });

    expect(refused.code).toBe(1);
    expect(refused.asked[0]).toMatch(
      /Move about 3 messages from orders-dlq back to their source queues\? \[y\/N\]/,
    );
    expect(refused.stderr).toMatch(/not confirmed; nothing moved/);
    expect(accepted.code).toBe(0);
    expect(sqs.calls.StartMessageMoveTask).toBe(1);
  });

  it('--execute off a terminal refuses to ask (exit 2, "pass --yes") and moves nothing', async () => {
    ordersWithDeadLetters();

    // No confirm given: the real prompt, and the test's stdin is not a terminal.
    const run = await dlq(['redrive', 'orders-dlq', '--execute']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stdin is not a terminal: pass --yes/);
    expect(sqs.calls.StartMessageMoveTask).toBe(0);
  });

  it('refuses while a move task is already running (exit 1, says how to wait or cancel)', async () => {
    const url = manualOrders();
    await dlq(['redrive', url, '--yes'], { client: euClient() });

    const run = await dlq(['redrive', url, '--yes'], { client: euClient() });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/a move task is already running on orders-dlq \(RUNNING 0\/1 moved/);
    expect(run.stderr).toMatch(
      /bulwark dlq cancel https:\/\/sqs\.eu-west-1\.amazonaws\.com\/123456789012\/orders-dlq --yes/,
    );
    expect(manual.calls.StartMessageMoveTask).toBe(1);
  });
});

describe('bulwark dlq redrive: where the messages go', () => {
  function twoSources() {
    ordersWithDeadLetters(1);
    sqs.createQueue('refunds', { deadLetterQueue: 'orders-dlq' });
    sqs.send('orders-dlq', 'r', { deadLetterSourceQueue: 'refunds' });
  }

  it('a DLQ with two sources and no --to exits 2 naming both, before any move', async () => {
    twoSources();

    const run = await dlq(['redrive', 'orders-dlq', '--yes']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/orders-dlq is the dead-letter queue of 2 queues: orders, refunds/);
    expect(run.stderr).toMatch(/--to original/);
    expect(sqs.calls.StartMessageMoveTask).toBe(0);
  });

  it('--to original sends each message back to the queue it came from', async () => {
    twoSources();

    const run = await dlq(['redrive', 'orders-dlq', '--to', 'original', '--yes']);

    expect(run.code).toBe(0);
    expect(sqs.messages('orders').map((m) => m.body)).toEqual([BODY]);
    expect(sqs.messages('refunds').map((m) => m.body)).toEqual(['r']);
  });

  it('--to <queue> sends every message to that queue, and says so', async () => {
    twoSources();

    const dry = await dlq(['redrive', 'orders-dlq', '--to', 'refunds']);
    const run = await dlq(['redrive', 'orders-dlq', '--to', 'refunds', '--yes']);

    expect(dry.stdout).toMatch(/destination\s+refunds: every message goes there/);
    expect(run.code).toBe(0);
    expect(sqs.moveTasks()[0]?.destinationArn).toBe(sqs.queueArn('refunds'));
    expect(sqs.messages('refunds')).toHaveLength(2);
  });

  it('--to the DLQ itself is a usage error', async () => {
    ordersWithDeadLetters();

    const run = await dlq(['redrive', 'orders-dlq', '--to', 'orders-dlq', '--yes']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/in a circle/);
  });

  it('a queue no SQS queue uses as its DLQ exits 1: StartMessageMoveTask does not apply', async () => {
    sqs.createQueue('lambda-async-dlq');
    sqs.send('lambda-async-dlq', 'x');

    const run = await dlq(['redrive', 'lambda-async-dlq', '--yes']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not the dead-letter queue of any SQS queue/);
    expect(sqs.calls.StartMessageMoveTask).toBe(0);
  });

  it('takes the queue as a URL or an ARN as well as a name', async () => {
    ordersWithDeadLetters();

    const byUrl = await dlq(['redrive', sqs.queueUrl('orders-dlq')]);
    const byArn = await dlq(['status', sqs.queueArn('orders-dlq')]);

    expect(byUrl.code).toBe(0);
    expect(byArn.code).toBe(0);
    expect(byArn.stdout).toMatch(/source queues\s+orders/);
  });
});

describe('bulwark dlq status and cancel', () => {
  it('status prints counts, sources and move tasks; --json the same as JSON', async () => {
    ordersWithDeadLetters();
    await dlq(['redrive', 'orders-dlq', '--yes', '--max-per-second', '5']);
    sqs.send('orders-dlq', 'again', { deadLetterSourceQueue: 'orders' });

    const text = await dlq(['status', 'orders-dlq']);
    const json = await dlq(['status', 'orders-dlq', '--json']);

    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/messages\s+1 visible/);
    expect(text.stdout).toMatch(
      /move tasks\s+COMPLETED 3\/3 moved to their source queues, at most 5\/s, started /,
    );
    expect(JSON.parse(json.stdout)).toMatchObject({
      queue: { name: 'orders-dlq', arn: sqs.queueArn('orders-dlq') },
      messages: { visible: 1, inFlight: 0, delayed: 0 },
      sourceQueues: [{ name: 'orders', arn: sqs.queueArn('orders') }],
      moveTasks: [{ status: 'COMPLETED', approximateNumberOfMessagesMoved: 3 }],
    });
    expect(sqs.calls.ReceiveMessage).toBe(0);
  });

  it('cancel: a dry run by default, --yes cancels the running task', async () => {
    const url = manualOrders();
    await dlq(['redrive', url, '--yes'], { client: euClient() });

    const dry = await dlq(['cancel', url], { client: euClient() });
    const run = await dlq(['cancel', url, '--yes'], { client: euClient() });

    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/running on orders-dlq: RUNNING 0\/1 moved/);
    expect(manual.calls.CancelMessageMoveTask).toBe(1);
    expect(run.code).toBe(0);
    expect(manual.moveTasks()[0]?.status).toBe('CANCELLED');
    expect(manual.messages('orders-dlq')).toHaveLength(1);
  });

  it('cancel with no running task exits 1', async () => {
    ordersWithDeadLetters();

    const run = await dlq(['cancel', 'orders-dlq', '--yes']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no running move task on orders-dlq/);
  });
});
