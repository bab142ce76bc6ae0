// SQS, emulated at its HTTP edge: msw handlers that answer the real `@aws-sdk/client-sqs` (the awsJson1_0
// protocol it speaks: `x-amz-target: AmazonSQS.<Operation>`) from memory, with queues, redrive policies,
// dead-letter queues, message move tasks and the fault knobs of the SSM emulator.

import { readOptions } from '@bulwark/errors';
import { checkAccountId, checkRegion } from '../awsJson/awsJsonInput.js';
import { type AwsJsonFaultKnobs, AwsServiceError, awsJsonService } from '../awsJson/awsJsonService.js';
import { describe as describeValue } from '../faults/FaultStep.js';
import { type SqsMoveTask, SqsMoveTasks } from './sqsMoveTasks.js';
import { SQS_OPERATIONS, type SqsOperation, sqsOperations } from './sqsOperations.js';
import { SqsQueues } from './sqsQueues.js';

/**
 * Options of {@link sqsEmulator}.
 *
 * @example
 * ```ts
 * const options: SqsEmulatorOptions = { region: 'eu-west-1', moveTasks: 'manual' };
 * ```
 */
export interface SqsEmulatorOptions {
  /** Region whose endpoint (`https://sqs.<region>.amazonaws.com/`) is answered and that queue URLs and ARNs name. @defaultValue 'us-east-1' */
  readonly region?: string;
  /** Account id in queue URLs and ARNs. @defaultValue '123456789012' */
  readonly accountId?: string;
  /**
   * When a started message move task moves its messages: `'immediate'` (during StartMessageMoveTask, so the
   * next ListMessageMoveTasks says COMPLETED) or `'manual'` (it stays RUNNING until {@link SqsEmulator.runMoveTasks}).
   * @defaultValue 'immediate'
   */
  readonly moveTasks?: 'immediate' | 'manual';
}

/**
 * Options of {@link SqsEmulator.createQueue}.
 *
 * @example
 * ```ts
 * sqs.createQueue('orders', { deadLetterQueue: 'orders-dlq', maxReceiveCount: 3 });
 * ```
 */
export interface SqsCreateQueueOptions {
  /** The name of an existing queue that becomes this queue's dead-letter queue (its redrive policy). @defaultValue none */
  readonly deadLetterQueue?: string;
  /** Receives before a message moves to the dead-letter queue. @defaultValue 5 (with `deadLetterQueue`) */
  readonly maxReceiveCount?: number;
  /** @defaultValue 30 */
  readonly visibilityTimeoutSeconds?: number;
}

/**
 * Options of {@link SqsEmulator.send}.
 *
 * @example
 * ```ts
 * sqs.send('orders-dlq', '{"orderId":"o-1"}', { deadLetterSourceQueue: 'orders' });
 * ```
 */
export interface SqsSendOptions {
  /** Seeds the message as if it had been dead-lettered from this queue (its DeadLetterQueueSourceArn). @defaultValue none */
  readonly deadLetterSourceQueue?: string;
  /** FIFO queues: the message group. @defaultValue none (required on a `.fifo` queue) */
  readonly groupId?: string;
}

/**
 * A message as the emulator holds it.
 *
 * @example
 * ```ts
 * sqs.messages('orders-dlq').map((m) => m.messageId);
 * ```
 */
export interface SqsStoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  /** False while received and not yet visible again (in flight) or delayed. */
  readonly visible: boolean;
  readonly deadLetterSourceArn: string | undefined;
}

/**
 * The emulator: msw `handlers`, its queues and its fault knobs.
 *
 * @example
 * ```ts
 * const sqs = sqsEmulator();
 * server.use(...sqs.handlers);
 * sqs.createQueue('orders-dlq');
 * sqs.createQueue('orders', { deadLetterQueue: 'orders-dlq', maxReceiveCount: 3 });
 * sqs.throttleNext(1);
 * ```
 */
export interface SqsEmulator extends AwsJsonFaultKnobs<SqsOperation> {
  /** Creates (or replaces) a queue without an SDK call; returns its URL. A `.fifo` name makes a FIFO queue. */
  createQueue(name: string, options?: SqsCreateQueueOptions): string;
  /** The URL of a queue (created or not). */
  queueUrl(name: string): string;
  /** The ARN of a queue (created or not). */
  queueArn(name: string): string;
  /** Seeds a message without an SDK call; returns its message id. */
  send(queue: string, body: string, options?: SqsSendOptions): string;
  /** The messages a queue holds now, oldest first. */
  messages(queue: string): readonly SqsStoredMessage[];
  /** Every message move task, newest first. */
  moveTasks(): readonly SqsMoveTask[];
  /** Completes the running move tasks (with `moveTasks: 'manual'`); returns how many ran. */
  runMoveTasks(): number;
  /** Every later call of `operation` answers AccessDenied, as a role without `sqs:<operation>` gets. */
  deny(operation: SqsOperation): void;
  /** Forgets queues, tasks, counters, denials, errors and pending faults. */
  reset(): void;
}

// The query-protocol error codes SQS sends beside the JSON error (x-amzn-query-error), which the SDK reads.
const QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

/**
 * Emulates Amazon SQS for the real AWS SDK v3 (`@aws-sdk/client-sqs`): GetQueueUrl, GetQueueAttributes,
 * ListDeadLetterSourceQueues, SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch), ChangeMessageVisibility,
 * StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask, with redrive policies that move a
 * message to its dead-letter queue after maxReceiveCount receives. Time is `Date.now()` (vitest fake timers
 * move visibility timeouts). Long polling returns at once.
 *
 * @example
 * ```ts
 * const sqs = sqsEmulator();
 * const server = useMswServer(...sqs.handlers);
 * it('redrives', async () => {
 *   sqs.createQueue('orders-dlq');
 *   sqs.createQueue('orders', { deadLetterQueue: 'orders-dlq' });
 *   sqs.send('orders-dlq', 'a', { deadLetterSourceQueue: 'orders' });
 *   const client = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 *   await client.send(new StartMessageMoveTaskCommand({ SourceArn: sqs.queueArn('orders-dlq') }));
 *   expect(sqs.messages('orders')).toHaveLength(1);
 * });
 * ```
 */
export function sqsEmulator(options?: SqsEmulatorOptions): SqsEmulator {
  const given = readOptions('sqsEmulator', options, ['region', 'accountId', 'moveTasks']);
  const region = checkRegion('sqsEmulator', given.region ?? 'us-east-1');
  const accountId = checkAccountId('sqsEmulator', given.accountId ?? '123456789012');
  const mode = given.moveTasks ?? 'immediate';
  if (mode !== 'immediate' && mode !== 'manual') {
    throw new TypeError(`sqsEmulator: moveTasks must be 'immediate' or 'manual', got ${describeValue(mode)}`);
  }
  const now = () => Date.now();
  const queues = new SqsQueues(region, accountId, now);
  const tasks = new SqsMoveTasks(queues, now);
  const edge = awsJsonService<SqsOperation>({
    owner: 'sqsEmulator',
    endpointPrefix: 'sqs',
    region,
    targetPrefix: 'AmazonSQS',
    contentType: 'application/x-amz-json-1.0',
    operations: sqsOperations(queues, tasks, accountId, () => mode === 'immediate'),
    renderError: (error) => ({
      body: { __type: `com.amazonaws.sqs#${error.type}`, message: error.message },
      headers: {
        'x-amzn-query-error': `${QUERY_CODES[error.type] ?? error.type};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
      },
    }),
    throttling: () => new AwsServiceError('RequestThrottled', 'Request is throttled.'),
    accessDenied: (operation) =>
      new AwsServiceError(
        'AccessDenied',
        `User: arn:aws:sts::${accountId}:assumed-role/operator/session is not authorized to perform: sqs:${operation} because no identity-based policy allows the sqs:${operation} action`,
        403,
      ),
  });

  const named = (method: string, name: unknown) => {
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(name)) {
      throw new TypeError(
        `sqsEmulator.${method}: queue must be a queue name (1-80 of A-Z a-z 0-9 _ -, optional .fifo), got ${describeValue(name)}`,
      );
    }
    return name;
  };
  const existing = (method: string, name: unknown) => {
    const queue = queues.byName(named(method, name));
    if (queue === undefined)
      throw new TypeError(`sqsEmulator.${method}: no queue ${describeValue(name)}; create it first`);
    return queue;
  };

  return edge.withKnobs({
    createQueue(name, createOptions) {
      const o = readOptions('sqsEmulator.createQueue', createOptions, [
        'deadLetterQueue',
        'maxReceiveCount',
        'visibilityTimeoutSeconds',
      ]);
      named('createQueue', name);
      const dlq = o.deadLetterQueue === undefined ? undefined : existing('createQueue', o.deadLetterQueue);
      const maxReceiveCount = o.maxReceiveCount ?? 5;
      if (
        typeof maxReceiveCount !== 'number' ||
        !Number.isInteger(maxReceiveCount) ||
        maxReceiveCount < 1 ||
        maxReceiveCount > 1000
      ) {
        throw new TypeError(
          `sqsEmulator.createQueue: maxReceiveCount must be an integer 1-1000, got ${describeValue(maxReceiveCount)}`,
        );
      }
      if (o.maxReceiveCount !== undefined && dlq === undefined) {
        throw new TypeError(
          'sqsEmulator.createQueue: maxReceiveCount needs deadLetterQueue (it is part of the redrive policy)',
        );
      }
      const visibility = o.visibilityTimeoutSeconds ?? 30;
      if (
        typeof visibility !== 'number' ||
        !Number.isInteger(visibility) ||
        visibility < 0 ||
        visibility > 43_200
      ) {
        throw new TypeError(
          `sqsEmulator.createQueue: visibilityTimeoutSeconds must be an integer 0-43200, got ${describeValue(visibility)}`,
        );
      }
      const policy = dlq === undefined ? undefined : { deadLetterTargetArn: dlq.arn, maxReceiveCount };
      return queues.create(name, visibility, policy).url;
    },
    queueUrl: (name) => queues.urlOf(named('queueUrl', name)),
    queueArn: (name) => queues.arnOf(named('queueArn', name)),
    send(queue, body, sendOptions) {
      const o = readOptions('sqsEmulator.send', sendOptions, ['deadLetterSourceQueue', 'groupId']);
      const target = existing('send', queue);
      if (typeof body !== 'string')
        throw new TypeError(`sqsEmulator.send: body must be a string, got ${describeValue(body)}`);
      const source =
        o.deadLetterSourceQueue === undefined ? undefined : existing('send', o.deadLetterSourceQueue);
      if (o.groupId !== undefined && typeof o.groupId !== 'string') {
        throw new TypeError(`sqsEmulator.send: groupId must be a string, got ${describeValue(o.groupId)}`);
      }
      try {
        return queues.enqueue(target, body, {
          ...(source === undefined ? {} : { deadLetterSourceArn: source.arn }),
          ...(o.groupId === undefined ? {} : { groupId: o.groupId as string }),
        }).messageId;
      } catch (error: unknown) {
        if (error instanceof AwsServiceError) throw new TypeError(`sqsEmulator.send: ${error.message}`);
        throw error;
      }
    },
    messages(queue) {
      const now = Date.now();
      return existing('messages', queue).messages.map((m) => ({
        messageId: m.messageId,
        body: m.body,
        receiveCount: m.receiveCount,
        visible: m.visibleAt <= now,
        deadLetterSourceArn: m.deadLetterSourceArn,
      }));
    },
    moveTasks: () => [...tasks.all],
    runMoveTasks: () => tasks.runAll(),
    deny: edge.deny,
    reset() {
      queues.clear();
      tasks.clear();
      edge.resetEdge();
    },
  });
}

export type { SqsMoveTask, SqsOperation };
export { SQS_OPERATIONS };
