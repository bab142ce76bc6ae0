// What happens to a record that failed permanently, by `onPermanentFailure`: reported (the queue moves it to
// the DLQ after maxReceiveCount), acknowledged and dropped, or handed to the hook and acknowledged. A failure
// that is not about the message itself (credentials, permissions, configuration, a bug) is always reported:
// acknowledging it would drop every message while the fault lasts.

import { type Classification, serializeError, toError } from '@bulwark/errors';
import type { SQSRecord } from 'aws-lambda';
import type { LoggerLike } from '../internal/LoggerLike.js';
import { isAboutTheMessage } from './acknowledgeable.js';
import type { BatchSummary } from './BatchSummary.js';
import type { NormalizedSqsOptions } from './normalizeSqsOptions.js';
import { logRecordFailure, safeLog } from './recordFailureLog.js';

/** The record that failed, what it threw, how that was classified, and the record's logger. */
export interface PermanentFailure {
  readonly record: SQSRecord;
  readonly thrown: unknown;
  readonly classification: Classification;
  readonly logger: LoggerLike;
}

/** What the batch runner lends: its summary, how to report a record, mark it done, and whether it returned. */
export interface BatchLedger {
  readonly summary: BatchSummary;
  /** Reports the record for redelivery (throws, as Powertools expects of a failed record). */
  readonly fail: (record: SQSRecord, error: unknown) => never;
  /** Marks the record done (acknowledged). */
  readonly acknowledge: () => void;
  /** True once the batch has returned (the deadline): nothing may be acknowledged any more. */
  readonly closed: () => boolean;
}

/** Settles a permanent failure by the policy; resolves to undefined when acknowledged, throws when reported. */
export async function settlePermanent(
  policy: NormalizedSqsOptions<unknown>['onPermanentFailure'],
  failure: PermanentFailure,
  ledger: BatchLedger,
): Promise<undefined> {
  const { record, thrown, classification, logger } = failure;
  const { summary, fail } = ledger;
  if (policy === 'report' || !isAboutTheMessage(classification)) {
    summary.failed.permanent++;
    logRecordFailure(
      logger,
      'error',
      policy === 'report'
        ? 'record failed permanently; reported (the queue moves it to the DLQ after maxReceiveCount)'
        : 'record failed permanently, not because of its content (credentials, permissions, configuration or a bug); reported for redelivery, never acknowledged',
      record,
      thrown,
      classification,
    );
    return fail(record, thrown);
  }
  const acknowledgeWith = (message: string): undefined => {
    logRecordFailure(logger, 'error', message, record, thrown, classification);
    summary.acknowledged++;
    ledger.acknowledge();
    return undefined;
  };
  if (policy === 'acknowledge') return acknowledgeWith('record failed permanently; acknowledged and dropped');
  try {
    await policy({ record, error: toError(thrown), classification, logger });
  } catch (hookThrown: unknown) {
    summary.failed.permanent++;
    safeLog(logger, 'error', 'permanent-failure hook failed; record reported for redelivery', {
      messageId: record.messageId,
      hookError: serializeError(hookThrown),
    });
    logRecordFailure(logger, 'error', 'record failed permanently', record, thrown, classification);
    return fail(record, thrown);
  }
  if (ledger.closed()) return fail(record, thrown);
  return acknowledgeWith('record failed permanently; handed to the hook and acknowledged');
}
