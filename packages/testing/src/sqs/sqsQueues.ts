// The queues and messages the SQS emulator holds, with the rules a consumer and an operator meet: visibility
// timeouts, receive counts, the redrive policy that moves a message to its dead-letter queue when its receive
// count passes maxReceiveCount, FIFO message groups, and receipt handles that go stale.

import { createHash, randomUUID } from 'node:crypto';
import { AwsServiceError } from '../awsJson/awsJsonService.js';

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly sentAt: number;
  receiveCount: number;
  firstReceiveAt: number | undefined;
  visibleAt: number;
  /** The latest receipt handle; an older one deletes nothing (the service's rule for standard queues). */
  receiptHandle: string | undefined;
  deadLetterSourceArn: string | undefined;
  readonly groupId: string | undefined;
}

export interface Queue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly fifo: boolean;
  readonly createdAt: number;
  visibilityTimeoutSeconds: number;
  redrivePolicy: RedrivePolicy | undefined;
  messages: StoredMessage[];
}

/** Per queue: the latest receipt handle of each message, and every handle ever issued (to tell stale from garbage). */
interface Handles {
  readonly issued: Map<string, { queue: string; messageId: string }>;
}

/** A message body SQS accepts: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the service's own character rule
const INVALID_BODY = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
export const MAX_BODY_BYTES = 262_144;

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export class SqsQueues {
  readonly #queues = new Map<string, Queue>();
  readonly #handles: Handles = { issued: new Map() };
  readonly #region: string;
  readonly #accountId: string;
  readonly #now: () => number;

  constructor(region: string, accountId: string, now: () => number) {
    this.#region = region;
    this.#accountId = accountId;
    this.#now = now;
  }

  get all(): readonly Queue[] {
    return [...this.#queues.values()];
  }

  urlOf(name: string): string {
    return `https://sqs.${this.#region}.amazonaws.com/${this.#accountId}/${name}`;
  }

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.#region}:${this.#accountId}:${name}`;
  }

  create(name: string, visibilityTimeoutSeconds: number, redrivePolicy: RedrivePolicy | undefined): Queue {
    const queue: Queue = {
      name,
      url: this.urlOf(name),
      arn: this.arnOf(name),
      fifo: name.endsWith('.fifo'),
      createdAt: this.#now(),
      visibilityTimeoutSeconds,
      redrivePolicy,
      messages: [],
    };
    this.#queues.set(name, queue);
    return queue;
  }

  clear(): void {
    this.#queues.clear();
    this.#handles.issued.clear();
  }

  byName(name: string): Queue | undefined {
    return this.#queues.get(name);
  }

  byArn(arn: string): Queue | undefined {
    return this.all.find((queue) => queue.arn === arn);
  }

  /** The queue a QueueUrl names (by account and name, whatever the host), or the service's QueueDoesNotExist. */
  byUrl(url: string): Queue {
    const match = /^https?:\/\/[^/]+\/(\d{12})\/([^/?#]+)\/?$/.exec(url);
    const queue =
      match?.[1] === this.#accountId && match[2] !== undefined ? this.#queues.get(match[2]) : undefined;
    if (queue === undefined) {
      throw new AwsServiceError('QueueDoesNotExist', 'The specified queue does not exist.');
    }
    return queue;
  }

  /** The queues whose redrive policy names `queue` as their dead-letter queue. */
  sourcesOf(queue: Queue): Queue[] {
    return this.all.filter((q) => q.redrivePolicy?.deadLetterTargetArn === queue.arn);
  }

  enqueue(
    queue: Queue,
    body: string,
    extra: { delaySeconds?: number; groupId?: string; deadLetterSourceArn?: string; messageId?: string } = {},
  ): StoredMessage {
    checkBody(body);
    const now = this.#now();
    const message: StoredMessage = {
      messageId: extra.messageId ?? randomUUID(),
      body,
      md5OfBody: md5(body),
      sentAt: now,
      receiveCount: 0,
      firstReceiveAt: undefined,
      visibleAt: now + (extra.delaySeconds ?? 0) * 1000,
      receiptHandle: undefined,
      deadLetterSourceArn: extra.deadLetterSourceArn,
      groupId: extra.groupId,
    };
    queue.messages.push(message);
    return message;
  }

  counts(queue: Queue): { visible: number; inFlight: number; delayed: number } {
    const now = this.#now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of queue.messages) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /**
   * Receives up to `max` visible messages. A message whose receive count already reached the redrive policy's
   * maxReceiveCount moves to the dead-letter queue instead of being delivered (as the service does).
   */
  receive(queue: Queue, max: number, visibilityTimeoutSeconds: number): StoredMessage[] {
    const now = this.#now();
    const delivered: StoredMessage[] = [];
    const blockedGroups = new Set(
      queue.fifo
        ? queue.messages.filter((m) => m.visibleAt > now && m.receiveCount > 0).map((m) => m.groupId)
        : [],
    );
    for (const message of [...queue.messages]) {
      if (delivered.length >= max) break;
      if (message.visibleAt > now) continue;
      if (queue.fifo && blockedGroups.has(message.groupId)) continue;
      const policy = queue.redrivePolicy;
      if (policy !== undefined && message.receiveCount >= policy.maxReceiveCount) {
        const dlq = this.byArn(policy.deadLetterTargetArn);
        if (dlq !== undefined) {
          this.#remove(queue, message);
          this.#move(message, dlq, queue.arn);
          continue;
        }
      }
      message.receiveCount++;
      message.firstReceiveAt ??= now;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = this.#issue(queue, message);
      if (queue.fifo) blockedGroups.add(message.groupId);
      delivered.push(message);
    }
    return delivered;
  }

  /** Deletes by receipt handle: garbage is ReceiptHandleIsInvalid; a stale handle succeeds and deletes nothing. */
  delete(queue: Queue, receiptHandle: string): void {
    const message = this.#byHandle(queue, receiptHandle);
    if (message !== undefined && message.receiptHandle === receiptHandle) this.#remove(queue, message);
  }

  /** The message a handle this queue issued was for (undefined once gone); garbage is ReceiptHandleIsInvalid. */
  #byHandle(queue: Queue, receiptHandle: string): StoredMessage | undefined {
    const issued = this.#handles.issued.get(receiptHandle);
    if (issued === undefined || issued.queue !== queue.name) {
      throw new AwsServiceError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
      );
    }
    return queue.messages.find((m) => m.messageId === issued.messageId);
  }

  changeVisibility(queue: Queue, receiptHandle: string, seconds: number): void {
    const message = this.#byHandle(queue, receiptHandle);
    if (
      message === undefined ||
      message.receiptHandle !== receiptHandle ||
      message.visibleAt <= this.#now()
    ) {
      throw new AwsServiceError('MessageNotInflight', 'The message referred to is not in flight.');
    }
    message.visibleAt = this.#now() + seconds * 1000;
  }

  /** Moves every visible message of `from` to `to` (or to each message's source queue); returns how many moved. */
  moveVisible(from: Queue, to: Queue | undefined, limit: number): { moved: number; unroutable: number } {
    const now = this.#now();
    let moved = 0;
    let unroutable = 0;
    for (const message of [...from.messages]) {
      if (moved >= limit) break;
      if (message.visibleAt > now) continue;
      const destination =
        to ??
        (message.deadLetterSourceArn === undefined ? undefined : this.byArn(message.deadLetterSourceArn));
      if (destination === undefined) {
        unroutable++;
        continue;
      }
      this.#remove(from, message);
      this.#move(message, destination, undefined);
      moved++;
    }
    return { moved, unroutable };
  }

  #move(message: StoredMessage, to: Queue, deadLetterSourceArn: string | undefined): void {
    to.messages.push({
      ...message,
      receiveCount: 0,
      firstReceiveAt: undefined,
      visibleAt: this.#now(),
      receiptHandle: undefined,
      deadLetterSourceArn,
    });
  }

  #remove(queue: Queue, message: StoredMessage): void {
    queue.messages = queue.messages.filter((m) => m !== message);
  }

  #issue(queue: Queue, message: StoredMessage): string {
    const handle = Buffer.from(`${queue.name}:${message.messageId}:${randomUUID()}`).toString('base64');
    this.#handles.issued.set(handle, { queue: queue.name, messageId: message.messageId });
    return handle;
  }
}

function checkBody(body: string): void {
  if (body === '') {
    throw new AwsServiceError('MissingParameter', 'The request must contain the parameter MessageBody.');
  }
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    throw new AwsServiceError(
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_BODY_BYTES} bytes.`,
    );
  }
  if (INVALID_BODY.test(body)) {
    throw new AwsServiceError(
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
}
