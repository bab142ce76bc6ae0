// The one structured line each batch leaves behind, and the metrics derived from it.

import type { LoggerLike } from '../internal/LoggerLike.js';
import type { MetricsLike } from '../internal/MetricsLike.js';
import { safeLog } from './recordFailureLog.js';

/**
 * What happened to a batch: the fields of the summary log line `sqsHandler` writes once per invocation.
 *
 * @example
 * ```ts
 * import type { BatchSummary } from '@bulwark/lambda';
 * const alertOn = (s: BatchSummary) => s.failed.permanent + s.acknowledged > 0;
 * ```
 */
export interface BatchSummary {
  /** Records in the event. */
  records: number;
  /** Records that ended well: the handler resolved, or an idempotent duplicate returned the stored result. */
  succeeded: number;
  /** Of `succeeded`, duplicates answered from the idempotency store without running the handler. */
  duplicates: number;
  /** Records the handler failed on, reported for redelivery, by kind. */
  failed: { transient: number; 'dependency-down': number; permanent: number; cancelled: number };
  /** Permanent failures acknowledged by the policy or a hook (they leave the queue). */
  acknowledged: number;
  /** Records reported without calling the handler. */
  skipped: { deadline: number; breakerOpen: number; fifo: number };
  /** Records still running when the deadline guard returned; reported for redelivery. */
  interrupted: number;
  /** `batchItemFailures.length` of the response. */
  reported: number;
  /** Whether the batch ran as FIFO. */
  fifo: boolean;
  /** Wall time of the batch. */
  durationMs: number;
}

export function emptySummary(records: number, fifo: boolean): BatchSummary {
  return {
    records,
    succeeded: 0,
    duplicates: 0,
    failed: { transient: 0, 'dependency-down': 0, permanent: 0, cancelled: 0 },
    acknowledged: 0,
    skipped: { deadline: 0, breakerOpen: 0, fifo: 0 },
    interrupted: 0,
    reported: 0,
    fifo,
    durationMs: 0,
  };
}

/**
 * The metric names `sqsHandler` emits (unit `Count`), one per outcome; zero counts are not emitted.
 *
 * @example
 * ```ts
 * import { SQS_METRIC_NAMES } from '@bulwark/lambda';
 * console.log(SQS_METRIC_NAMES.failedTransient); // 'SqsRecordsFailedTransient'
 * ```
 */
export const SQS_METRIC_NAMES = Object.freeze({
  succeeded: 'SqsRecordsSucceeded',
  duplicates: 'SqsRecordsDuplicate',
  failedTransient: 'SqsRecordsFailedTransient',
  failedDependencyDown: 'SqsRecordsFailedDependencyDown',
  failedPermanent: 'SqsRecordsFailedPermanent',
  failedCancelled: 'SqsRecordsFailedCancelled',
  acknowledged: 'SqsRecordsAcknowledgedPermanent',
  skippedDeadline: 'SqsRecordsSkippedDeadline',
  skippedBreakerOpen: 'SqsRecordsSkippedBreakerOpen',
  skippedFifo: 'SqsRecordsSkippedFifo',
  interrupted: 'SqsRecordsInterrupted',
} as const);

export function emitMetrics(metrics: MetricsLike, s: BatchSummary, publish: boolean): void {
  const add = (name: string, value: number) => {
    if (value > 0) metrics.addMetric(name, 'Count', value);
  };
  add(SQS_METRIC_NAMES.succeeded, s.succeeded);
  add(SQS_METRIC_NAMES.duplicates, s.duplicates);
  add(SQS_METRIC_NAMES.failedTransient, s.failed.transient);
  add(SQS_METRIC_NAMES.failedDependencyDown, s.failed['dependency-down']);
  add(SQS_METRIC_NAMES.failedPermanent, s.failed.permanent);
  add(SQS_METRIC_NAMES.failedCancelled, s.failed.cancelled);
  add(SQS_METRIC_NAMES.acknowledged, s.acknowledged);
  add(SQS_METRIC_NAMES.skippedDeadline, s.skipped.deadline);
  add(SQS_METRIC_NAMES.skippedBreakerOpen, s.skipped.breakerOpen);
  add(SQS_METRIC_NAMES.skippedFifo, s.skipped.fifo);
  add(SQS_METRIC_NAMES.interrupted, s.interrupted);
  if (publish) metrics.publishStoredMetrics?.();
}

/** One line per batch: `info` when clean, `warn` when a record was reported or acknowledged. */
export function logSummary(logger: LoggerLike, s: BatchSummary): void {
  const clean = s.reported === 0 && s.acknowledged === 0;
  // One object in, rather than a message plus an extra object: Powertools writes the same line but skips
  // merging the extra object into its log item, which saved about 7 % of the line's cost. The line is the
  // largest single cost sqsHandler adds to a batch (see the README's Performance section).
  safeLog(logger, clean ? 'info' : 'warn', { message: 'SQS batch summary', batch: s });
}
