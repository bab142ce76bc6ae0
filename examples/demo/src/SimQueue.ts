// An SQS queue as Lambda's event source sees it, in memory: a received message is invisible for the
// visibility timeout, comes back unless deleted, and moves to the DLQ when it would be received more than
// maxReceiveCount times (the redrive policy). Only what the demo needs; the clock is injected.

import { sqsRecord } from '@bulwark/testing';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

interface Message {
  readonly messageId: string;
  readonly body: string;
  receiveCount: number;
  visibleAt: number;
}

/** The queue and its DLQ. */
export class SimQueue {
  readonly #messages = new Map<string, Message>();
  readonly #dlq: Message[] = [];
  readonly #visibilityTimeoutMs: number;
  readonly #maxReceiveCount: number;
  readonly #now: () => number;
  #sent = 0;

  constructor(options: { visibilityTimeoutMs: number; maxReceiveCount: number; now: () => number }) {
    this.#visibilityTimeoutMs = options.visibilityTimeoutMs;
    this.#maxReceiveCount = options.maxReceiveCount;
    this.#now = options.now;
  }

  /** Sends one message; returns its id. */
  send(body: string): string {
    const messageId = `m-${String(++this.#sent).padStart(5, '0')}`;
    this.#messages.set(messageId, { messageId, body, receiveCount: 0, visibleAt: 0 });
    return messageId;
  }

  /** Receives up to `max` visible messages as an SQS event (moving over-received ones to the DLQ). */
  receive(max: number): SQSEvent {
    const now = this.#now();
    const records: SQSRecord[] = [];
    for (const message of this.#messages.values()) {
      if (records.length >= max) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= this.#maxReceiveCount) {
        this.#messages.delete(message.messageId);
        this.#dlq.push(message);
        continue;
      }
      message.receiveCount++;
      message.visibleAt = now + this.#visibilityTimeoutMs;
      const record = sqsRecord({ messageId: message.messageId, body: message.body });
      records.push({
        ...record,
        attributes: { ...record.attributes, ApproximateReceiveCount: String(message.receiveCount) },
      });
    }
    return { Records: records };
  }

  /** Deletes the messages that were processed. */
  delete(messageIds: Iterable<string>): void {
    for (const id of messageIds) this.#messages.delete(id);
  }

  /** Messages still in the queue (visible or in flight). */
  get depth(): number {
    return this.#messages.size;
  }

  get dlqDepth(): number {
    return this.#dlq.length;
  }

  get dlqBodies(): readonly string[] {
    return this.#dlq.map((m) => m.body);
  }
}
