// The SQS JSON-protocol operations, each mapping a request body to the service's answer (or its error) over
// the queue store and the move tasks.

import { requireString } from '../awsJson/awsJsonInput.js';
import { AwsServiceError } from '../awsJson/awsJsonService.js';
import type { SqsMoveTasks } from './sqsMoveTasks.js';
import type { Queue, SqsQueues, StoredMessage } from './sqsQueues.js';

/** The operations the emulator answers; any other `AmazonSQS.*` call gets UnknownOperationException. */
export const SQS_OPERATIONS = [
  'GetQueueUrl',
  'GetQueueAttributes',
  'ListDeadLetterSourceQueues',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'StartMessageMoveTask',
  'ListMessageMoveTasks',
  'CancelMessageMoveTask',
] as const;

/**
 * One of {@link SQS_OPERATIONS}.
 *
 * @example
 * ```ts
 * const op: SqsOperation = 'StartMessageMoveTask';
 * ```
 */
export type SqsOperation = (typeof SQS_OPERATIONS)[number];

const QUEUE_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'VisibilityTimeout',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'RedrivePolicy',
  'FifoQueue',
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
] as const;

const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_VISIBILITY_SECONDS = 43_200;

export function sqsOperations(
  queues: SqsQueues,
  tasks: SqsMoveTasks,
  accountId: string,
  runMoveTasksNow: () => boolean,
): Record<SqsOperation, (input: Record<string, unknown>) => unknown> {
  const queueOf = (input: Record<string, unknown>): Queue => queues.byUrl(requireString(input, 'QueueUrl'));

  const send = (queue: Queue, entry: Record<string, unknown>) => {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    const delay = entry.DelaySeconds ?? 0;
    if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > 900) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        `Value ${String(delay)} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`,
      );
    }
    const groupId = entry.MessageGroupId;
    if (queue.fifo && (typeof groupId !== 'string' || groupId === '')) {
      throw new AwsServiceError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
    }
    const message = queues.enqueue(queue, body, {
      delaySeconds: delay,
      ...(typeof groupId === 'string' ? { groupId } : {}),
    });
    return { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
  };

  const batch = <T>(
    input: Record<string, unknown>,
    each: (entry: Record<string, unknown>) => T,
  ): { Successful: (T & { Id: string })[]; Failed: Record<string, unknown>[] } => {
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new AwsServiceError(
        'EmptyBatchRequest',
        'There should be at least one SendMessageBatchRequestEntry in the request.',
      );
    }
    if (entries.length > 10) {
      throw new AwsServiceError(
        'TooManyEntriesInBatchRequest',
        `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
      );
    }
    const ids = entries.map((e: Record<string, unknown>) => e.Id);
    for (const id of ids) {
      if (typeof id !== 'string' || !BATCH_ID.test(id)) {
        throw new AwsServiceError(
          'InvalidBatchEntryId',
          'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
        );
      }
    }
    if (new Set(ids).size !== ids.length) {
      throw new AwsServiceError(
        'BatchEntryIdsNotDistinct',
        'Two or more batch entries in the request have the same Id.',
      );
    }
    const Successful: (T & { Id: string })[] = [];
    const Failed: Record<string, unknown>[] = [];
    for (const entry of entries as Record<string, unknown>[]) {
      try {
        Successful.push({ Id: entry.Id as string, ...each(entry) });
      } catch (error: unknown) {
        if (!(error instanceof AwsServiceError)) throw error;
        Failed.push({ Id: entry.Id, SenderFault: true, Code: error.type, Message: error.message });
      }
    }
    return { Successful, Failed };
  };

  const render = (message: StoredMessage, wanted: Set<string>) => {
    const all = wanted.has('All');
    const attributes: Record<string, string> = {};
    const add = (name: string, value: string | undefined) => {
      if (value !== undefined && (all || wanted.has(name))) attributes[name] = value;
    };
    add('ApproximateReceiveCount', String(message.receiveCount));
    add('SentTimestamp', String(message.sentAt));
    add(
      'ApproximateFirstReceiveTimestamp',
      message.firstReceiveAt === undefined ? undefined : String(message.firstReceiveAt),
    );
    add('SenderId', accountId);
    add('DeadLetterQueueSourceArn', message.deadLetterSourceArn);
    add('MessageGroupId', message.groupId);
    return {
      MessageId: message.messageId,
      ReceiptHandle: message.receiptHandle,
      MD5OfBody: message.md5OfBody,
      Body: message.body,
      ...(Object.keys(attributes).length === 0 ? {} : { Attributes: attributes }),
    };
  };

  const visibilityOf = (value: unknown, fallback: number): number => {
    const seconds = value ?? fallback;
    if (
      typeof seconds !== 'number' ||
      !Number.isInteger(seconds) ||
      seconds < 0 ||
      seconds > MAX_VISIBILITY_SECONDS
    ) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        `Value ${String(seconds)} for parameter VisibilityTimeout is invalid. Reason: must be between 0 and ${MAX_VISIBILITY_SECONDS}.`,
      );
    }
    return seconds;
  };

  return {
    GetQueueUrl(input) {
      const name = requireString(input, 'QueueName');
      const owner = input.QueueOwnerAWSAccountId;
      const queue = owner === undefined || owner === accountId ? queues.byName(name) : undefined;
      if (queue === undefined)
        throw new AwsServiceError('QueueDoesNotExist', 'The specified queue does not exist.');
      return { QueueUrl: queue.url };
    },
    GetQueueAttributes(input) {
      const queue = queueOf(input);
      const names = Array.isArray(input.AttributeNames) ? input.AttributeNames.map(String) : [];
      for (const name of names) {
        if (
          name !== 'All' &&
          !(QUEUE_ATTRIBUTES as readonly string[]).includes(name) &&
          name !== 'RedriveAllowPolicy'
        ) {
          throw new AwsServiceError('InvalidAttributeName', `Unknown Attribute ${name}.`);
        }
      }
      const all = names.includes('All');
      const counts = queues.counts(queue);
      const values: Record<string, string | undefined> = {
        QueueArn: queue.arn,
        ApproximateNumberOfMessages: String(counts.visible),
        ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
        ApproximateNumberOfMessagesDelayed: String(counts.delayed),
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
        CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
        LastModifiedTimestamp: String(Math.floor(queue.createdAt / 1000)),
        RedrivePolicy: queue.redrivePolicy === undefined ? undefined : JSON.stringify(queue.redrivePolicy),
        FifoQueue: queue.fifo ? 'true' : undefined,
        DelaySeconds: '0',
        MaximumMessageSize: '262144',
        MessageRetentionPeriod: '345600',
        ReceiveMessageWaitTimeSeconds: '0',
      };
      const Attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(values)) {
        if (value !== undefined && (all || names.includes(name))) Attributes[name] = value;
      }
      return Object.keys(Attributes).length === 0 ? {} : { Attributes };
    },
    ListDeadLetterSourceQueues(input) {
      const queue = queueOf(input);
      const urls = queues.sourcesOf(queue).map((q) => q.url);
      const max = input.MaxResults;
      if (max === undefined) return { queueUrls: urls };
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1000) {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `Value ${String(max)} for parameter MaxResults is invalid. Reason: must be between 1 and 1000.`,
        );
      }
      const start =
        typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64').toString()) : 0;
      if (!Number.isInteger(start) || start < 0)
        throw new AwsServiceError('InvalidParameterValue', 'Invalid NextToken value.');
      const page = urls.slice(start, start + max);
      const next = start + page.length;
      return {
        queueUrls: page,
        ...(next < urls.length ? { NextToken: Buffer.from(String(next)).toString('base64') } : {}),
      };
    },
    SendMessage(input) {
      return send(queueOf(input), input);
    },
    SendMessageBatch(input) {
      const queue = queueOf(input);
      return batch(input, (entry) => send(queue, entry));
    },
    ReceiveMessage(input) {
      const queue = queueOf(input);
      const max = input.MaxNumberOfMessages ?? 1;
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 10) {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `Value ${String(max)} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
        );
      }
      const wait = input.WaitTimeSeconds ?? 0;
      if (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 0 || wait > 20) {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `Value ${String(wait)} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`,
        );
      }
      const visibility = visibilityOf(input.VisibilityTimeout, queue.visibilityTimeoutSeconds);
      const wanted = new Set(
        [input.MessageSystemAttributeNames, input.AttributeNames].flatMap((list) =>
          Array.isArray(list) ? list.map(String) : [],
        ),
      );
      const messages = queues.receive(queue, max, visibility);
      return messages.length === 0 ? {} : { Messages: messages.map((m) => render(m, wanted)) };
    },
    DeleteMessage(input) {
      queues.delete(queueOf(input), requireString(input, 'ReceiptHandle'));
      return {};
    },
    DeleteMessageBatch(input) {
      const queue = queueOf(input);
      return batch(input, (entry) => {
        queues.delete(queue, requireString(entry, 'ReceiptHandle'));
        return {};
      });
    },
    ChangeMessageVisibility(input) {
      const queue = queueOf(input);
      const handle = requireString(input, 'ReceiptHandle');
      if (input.VisibilityTimeout === undefined) {
        throw new AwsServiceError(
          'MissingParameter',
          'The request must contain the parameter VisibilityTimeout.',
        );
      }
      queues.changeVisibility(queue, handle, visibilityOf(input.VisibilityTimeout, 0));
      return {};
    },
    StartMessageMoveTask(input) {
      return tasks.start(input, runMoveTasksNow());
    },
    ListMessageMoveTasks(input) {
      return tasks.list(input);
    },
    CancelMessageMoveTask(input) {
      return tasks.cancel(input);
    },
  };
}
