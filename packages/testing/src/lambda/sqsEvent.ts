import type { SQSEvent } from 'aws-lambda';
import { type SqsRecordInput, sqsRecord } from './sqsRecord.js';

/**
 * Input of {@link sqsEvent}: records (built ones or inputs), or `{ records, fifo }`.
 *
 * @example
 * ```ts
 * const input: SqsEventInput = { records: [{ body: 'a' }, { body: 'b' }], fifo: { groupId: 'g1' } };
 * ```
 */
export type SqsEventInput =
  | readonly SqsRecordInput[]
  | { readonly records: readonly SqsRecordInput[]; readonly fifo?: boolean | { readonly groupId: string } };

/**
 * Builds an SQS event. With `fifo`, every record without its own `fifo` joins one message group
 * (`'group-1'` unless given) and gets increasing sequence numbers.
 *
 * @example
 * ```ts
 * const event = sqsEvent([{ body: { id: 1 } }, { body: { id: 2 }, receiveCount: 4 }]);
 * const fifo = sqsEvent({ records: [{ body: 'a' }, { body: 'b' }], fifo: true });
 * ```
 */
export function sqsEvent(input: SqsEventInput = []): SQSEvent {
  const records = Array.isArray(input) ? input : (input as { records: readonly SqsRecordInput[] }).records;
  if (!Array.isArray(records)) {
    throw new TypeError(`sqsEvent: records must be an array, got ${String(records)}`);
  }
  const fifoOption = Array.isArray(input)
    ? undefined
    : (input as { fifo?: boolean | { groupId: string } }).fifo;
  const groupId =
    fifoOption === undefined || fifoOption === false
      ? undefined
      : fifoOption === true
        ? 'group-1'
        : fifoOption.groupId;
  return {
    Records: records.map((record, index) =>
      groupId === undefined || record.fifo !== undefined
        ? sqsRecord(record)
        : sqsRecord({
            ...record,
            fifo: { groupId, sequenceNumber: String(18849496460467696128n + BigInt(index + 1)) },
          }),
    ),
  };
}
