import { createHash, randomUUID } from 'node:crypto';
import type { SQSMessageAttributes, SQSRecord } from 'aws-lambda';

/**
 * Input of {@link sqsRecord}: any `SQSRecord` field, plus shortcuts.
 *
 * @example
 * ```ts
 * const input: SqsRecordInput = { body: { orderId: 7 }, receiveCount: 3, fifo: { groupId: 'order-7' } };
 * ```
 */
export interface SqsRecordInput extends Partial<Omit<SQSRecord, 'body' | 'attributes'>> {
  /** A string as is; anything else is JSON-encoded. @defaultValue '{}' */
  readonly body?: unknown;
  /** Raw `attributes` overrides. */
  readonly attributes?: Partial<SQSRecord['attributes']>;
  /** `ApproximateReceiveCount`. @defaultValue 1 */
  readonly receiveCount?: number;
  /** Makes a FIFO record: `.fifo` queue ARN, MessageGroupId, MessageDeduplicationId, SequenceNumber. */
  readonly fifo?: {
    readonly groupId: string;
    readonly deduplicationId?: string;
    readonly sequenceNumber?: string;
  };
  /** Message attributes as plain strings/numbers (turned into `stringValue`/`Number` entries). */
  readonly attributesOf?: Readonly<Record<string, string | number>>;
}

/** The queue ARN records get unless they name their own. */
export const DEFAULT_QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:bulwark-test-queue';

let sequence = 0;

/**
 * Builds one SQS record as Lambda delivers it (standard or FIFO).
 *
 * @example
 * ```ts
 * const record = sqsRecord({ body: { orderId: 7 }, receiveCount: 2 });
 * record.attributes.ApproximateReceiveCount; // '2'
 * const fifo = sqsRecord({ fifo: { groupId: 'customer-1' } });
 * fifo.eventSourceARN.endsWith('.fifo'); // true
 * ```
 */
export function sqsRecord(input: SqsRecordInput = {}): SQSRecord {
  const { body: rawBody, attributes, receiveCount = 1, fifo, attributesOf, ...rest } = input;
  if (!Number.isInteger(receiveCount) || receiveCount < 1) {
    throw new TypeError(`sqsRecord: receiveCount must be an integer >= 1, got ${String(receiveCount)}`);
  }
  if (fifo !== undefined && (typeof fifo.groupId !== 'string' || fifo.groupId === '')) {
    throw new TypeError(`sqsRecord: fifo.groupId must be a non-empty string, got ${String(fifo.groupId)}`);
  }
  const body = rawBody === undefined ? '{}' : typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody);
  sequence++;
  const now = Date.now();
  let eventSourceARN = rest.eventSourceARN ?? DEFAULT_QUEUE_ARN;
  if (fifo !== undefined && !eventSourceARN.endsWith('.fifo')) eventSourceARN = `${eventSourceARN}.fifo`;
  const messageAttributes: SQSMessageAttributes = { ...rest.messageAttributes };
  for (const [name, value] of Object.entries(attributesOf ?? {})) {
    messageAttributes[name] = {
      stringValue: String(value),
      stringListValues: [],
      binaryListValues: [],
      dataType: typeof value === 'number' ? 'Number' : 'String',
    };
  }
  return {
    messageId: randomUUID(),
    receiptHandle: `AQEB${Buffer.from(randomUUID()).toString('base64')}`,
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    awsRegion: eventSourceARN.split(':')[3] ?? 'us-east-1',
    ...rest,
    eventSourceARN,
    body,
    messageAttributes,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(now),
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: String(now),
      ...(fifo === undefined
        ? {}
        : {
            MessageGroupId: fifo.groupId,
            MessageDeduplicationId: fifo.deduplicationId ?? createHash('sha256').update(body).digest('hex'),
            SequenceNumber: fifo.sequenceNumber ?? String(18849496460467696128n + BigInt(sequence)),
          }),
      ...attributes,
    },
  };
}
