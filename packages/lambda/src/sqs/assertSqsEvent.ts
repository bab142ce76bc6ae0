// Checks the whole event before any record runs: a wrongly wired trigger fails loudly and nothing is
// half-processed.

import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { showValue as show } from '../internal/showValue.js';

export function assertSqsEvent(event: unknown): asserts event is SQSEvent {
  if (typeof event !== 'object' || event === null) {
    throw new TypeError(`sqsHandler: expected an SQS event (an object with Records); got ${show(event)}.`);
  }
  const records = (event as { Records?: unknown }).Records;
  if (!Array.isArray(records)) {
    throw new TypeError(
      `sqsHandler: expected an SQS event; event.Records is ${show(records)}. Is this function wired to an SQS trigger?`,
    );
  }
  if (records.length === 0) {
    throw new TypeError(
      'sqsHandler: event.Records is empty. SQS never invokes with an empty batch; check the trigger or the test event.',
    );
  }
  for (let i = 0; i < records.length; i++) {
    const record: unknown = records[i];
    if (typeof record !== 'object' || record === null) {
      throw new TypeError(`sqsHandler: event.Records[${i}] must be an SQS record; got ${show(record)}.`);
    }
    const r = record as { eventSource?: unknown; messageId?: unknown; body?: unknown };
    if (r.eventSource !== undefined && r.eventSource !== 'aws:sqs') {
      throw new TypeError(
        `sqsHandler: event.Records[${i}].eventSource is ${show(r.eventSource)}, not "aws:sqs". Is a non-SQS trigger wired to this function?`,
      );
    }
    if (typeof r.messageId !== 'string' || r.messageId === '') {
      throw new TypeError(
        `sqsHandler: event.Records[${i}].messageId must be a non-empty string; got ${show(r.messageId)}.`,
      );
    }
    if (typeof r.body !== 'string') {
      throw new TypeError(`sqsHandler: event.Records[${i}].body must be a string; got ${show(r.body)}.`);
    }
  }
}

/**
 * A FIFO batch whose records lack a `MessageGroupId` cannot be processed in group order (Powertools would
 * treat them as one group, or run a later record after a failure): refuse it before any record runs.
 */
export function assertFifoGroups(records: readonly SQSRecord[]): void {
  for (let i = 0; i < records.length; i++) {
    const group = (records[i] as { attributes?: { MessageGroupId?: unknown } }).attributes?.MessageGroupId;
    if (typeof group !== 'string' || group === '') {
      throw new TypeError(
        `sqsHandler: event.Records[${i}] comes from a FIFO queue but has no attributes.MessageGroupId (got ${show(group)}); FIFO order cannot be kept, so no record was run. Is the event hand-made, or options.fifo set for a standard queue?`,
      );
    }
  }
}
