// The SQS calls `bulwark dlq` makes, each recording its operation name first, so an error (access denied,
// throttling, a timeout) can say which call failed and which IAM action is missing.
import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { QueueRef } from './queueRef.js';

/** A queue as the commands print and use it. */
export interface ResolvedQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** The queue's own redrive policy, when it has one (then a sample would count as a receive toward it). */
  readonly redrivePolicy:
    | { readonly deadLetterTargetArn: string; readonly maxReceiveCount: number }
    | undefined;
}

/** A source queue of a dead-letter queue. */
export interface SourceQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

/** More source queues than this are not listed (a dead-letter queue shared this widely is a finding of its own). */
const MAX_SOURCES = 1000;
/** Pages read at most: an endpoint that answers a NextToken forever must not keep the command running. */
const MAX_PAGES = 10;

export class SqsCalls {
  /** The operation of the call in progress or last made. */
  operation = 'GetQueueUrl';
  /** The queue that call is about (the DLQ, or the queue --to names), as given. */
  target: string | undefined;
  readonly #client: SQSClient;

  constructor(client: SQSClient) {
    this.#client = client;
  }

  async resolve(ref: QueueRef): Promise<ResolvedQueue> {
    this.target = ref.given;
    let url = ref.url;
    if (url === undefined) {
      this.operation = 'GetQueueUrl';
      const out = await this.#client.send(
        new GetQueueUrlCommand({
          QueueName: ref.name,
          ...(ref.accountId === undefined ? {} : { QueueOwnerAWSAccountId: ref.accountId }),
        }),
      );
      url = out.QueueUrl ?? '';
    }
    this.operation = 'GetQueueAttributes';
    const { Attributes: a = {} } = await this.#client.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: [
          'QueueArn',
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
          'RedrivePolicy',
        ],
      }),
    );
    return {
      name: ref.name,
      url,
      arn: a.QueueArn ?? '',
      visible: count(a.ApproximateNumberOfMessages),
      inFlight: count(a.ApproximateNumberOfMessagesNotVisible),
      delayed: count(a.ApproximateNumberOfMessagesDelayed),
      redrivePolicy: parseRedrivePolicy(a.RedrivePolicy),
    };
  }

  /** The SQS queues whose redrive policy names `queue` (every page, up to {@link MAX_SOURCES}). */
  async sources(queue: ResolvedQueue): Promise<SourceQueue[]> {
    this.operation = 'ListDeadLetterSourceQueues';
    const urls: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      pages++;
      const out = await this.#client.send(
        new ListDeadLetterSourceQueuesCommand({
          QueueUrl: queue.url,
          MaxResults: 1000,
          ...(next === undefined ? {} : { NextToken: next }),
        }),
      );
      urls.push(...(out.queueUrls ?? []));
      next = out.NextToken;
    } while (next !== undefined && urls.length < MAX_SOURCES && pages < MAX_PAGES);
    // Source queues live in the dead-letter queue's partition and region; the account is in each URL.
    const [, partition = 'aws', , region = ''] = queue.arn.split(':');
    return urls.map((url) => {
      const [name = url, account = ''] = url.split('/').filter(Boolean).reverse();
      return { name, url, arn: `arn:${partition}:sqs:${region}:${account}:${name}` };
    });
  }

  async moveTasks(queue: ResolvedQueue): Promise<ListMessageMoveTasksResultEntry[]> {
    this.operation = 'ListMessageMoveTasks';
    const out = await this.#client.send(
      new ListMessageMoveTasksCommand({ SourceArn: queue.arn, MaxResults: 10 }),
    );
    return out.Results ?? [];
  }

  /** Up to `n` messages received with visibility timeout 0: they stay visible; their receive count goes up. */
  async sample(queue: ResolvedQueue, n: number): Promise<Message[]> {
    this.operation = 'ReceiveMessage';
    const out = await this.#client.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: n,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount', 'DeadLetterQueueSourceArn'],
      }),
    );
    return out.Messages ?? [];
  }

  async startMove(
    queue: ResolvedQueue,
    destinationArn: string | undefined,
    maxPerSecond: number | undefined,
  ) {
    this.operation = 'StartMessageMoveTask';
    const out = await this.#client.send(
      new StartMessageMoveTaskCommand({
        SourceArn: queue.arn,
        ...(destinationArn === undefined ? {} : { DestinationArn: destinationArn }),
        ...(maxPerSecond === undefined ? {} : { MaxNumberOfMessagesPerSecond: maxPerSecond }),
      }),
    );
    return out.TaskHandle ?? '';
  }

  async cancel(taskHandle: string): Promise<number | undefined> {
    this.operation = 'CancelMessageMoveTask';
    const out = await this.#client.send(new CancelMessageMoveTaskCommand({ TaskHandle: taskHandle }));
    return out.ApproximateNumberOfMessagesMoved;
  }
}

function count(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

function parseRedrivePolicy(text: string | undefined): ResolvedQueue['redrivePolicy'] {
  if (text === undefined) return undefined;
  try {
    const policy = JSON.parse(text) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    return {
      deadLetterTargetArn: String(policy.deadLetterTargetArn ?? ''),
      maxReceiveCount: Number(policy.maxReceiveCount ?? 0),
    };
  } catch {
    // Unreadable, but present: treat it as a policy so no sample is taken.
    return { deadLetterTargetArn: '', maxReceiveCount: 0 };
  }
}
