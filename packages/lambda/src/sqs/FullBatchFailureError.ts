// What sqsHandler throws when every record of a batch was reported for redelivery, with the batch summary so
// a caller can tell "every record failed" from "every record was skipped because a breaker is open".

import { FullBatchFailureError as PowertoolsFullBatchFailureError } from '@aws-lambda-powertools/batch';
import { serializeError } from '@bulwark/errors';
import type { BatchSummary } from './BatchSummary.js';

/**
 * Thrown by `sqsHandler` (with `throwOnFullBatchFailure`, the default) when every record was reported: all
 * failed, or were skipped because a breaker is open (an operator's `forced-open` included) or by the deadline
 * guard. Every record comes back after the visibility timeout, and the failed invocation makes the SQS poller
 * back off. It extends Powertools' `FullBatchFailureError`, so `instanceof` either class holds. `summary` is
 * the batch summary; `recordErrors` hold each record's error as `serializeError` gives it (name and redacted
 * message only: never headers or bodies), so logging this error leaks nothing.
 *
 * @example
 * ```ts
 * import { isFullBatchFailure, sqsHandler } from '@bulwark/lambda';
 * const consume = sqsHandler(work, { skipWhenBreakerOpen: [edna] });
 * export const handler = async (event: unknown, context: import('aws-lambda').Context) => {
 *   try {
 *     return await consume(event, context);
 *   } catch (error) {
 *     if (isFullBatchFailure(error) && error.summary.skipped.breakerOpen === error.summary.records) {
 *       console.warn('edna is down: the whole batch waits for redelivery');
 *     }
 *     throw error;
 *   }
 * };
 * ```
 */
export class FullBatchFailureError extends PowertoolsFullBatchFailureError {
  // The bundler renames this class (`FullBatchFailureError2`), since Powertools' class has the same name in
  // the bundle's scope; the constructor's name is what logs and error reports show, so it is set here.
  static {
    // Stryker disable next-line StringLiteral,ObjectLiteral,CallExpression: from source the class already has this name; only the bundle differs
    Object.defineProperty(FullBatchFailureError, 'name', { value: 'FullBatchFailureError' });
  }

  override name = 'FullBatchFailureError' as const;
  /** The batch summary (the same object the summary log line carries). */
  readonly summary: Readonly<BatchSummary>;

  constructor(summary: BatchSummary, recordErrors: readonly unknown[]) {
    super(recordErrors.map(safeRecordError));
    this.summary = summary;
    // V8 formats the stack on first read, so its first line already carries this message (a test pins it).
    this.message = describeFullBatch(summary);
  }

  /** The brand {@link isFullBatchFailure} checks. */
  get isBulwarkFullBatchFailure(): true {
    return true;
  }
}

/**
 * True for a {@link FullBatchFailureError} from this or another copy of `@bulwark/lambda`.
 *
 * @example
 * ```ts
 * import { isFullBatchFailure } from '@bulwark/lambda';
 * if (isFullBatchFailure(error)) console.log(error.summary.skipped.breakerOpen);
 * ```
 */
export function isFullBatchFailure(value: unknown): value is FullBatchFailureError {
  try {
    return (
      typeof value === 'object' &&
      // Stryker disable next-line ConditionalExpression: reading the brand of null throws, and the catch answers false
      value !== null &&
      (value as { isBulwarkFullBatchFailure?: unknown }).isBulwarkFullBatchFailure === true
    );
  } catch {
    return false;
  }
}

function safeRecordError(error: unknown): Error {
  // Only name and message are read: `stack: false` just spares redacting a stack nobody uses.
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the stack it leaves out is never read
  const s = serializeError(error, { stack: false });
  const copy = new Error(s.message);
  copy.name = s.name;
  return copy;
}

function describeFullBatch(s: BatchSummary): string {
  const parts: string[] = [];
  const failed = s.failed.transient + s.failed['dependency-down'] + s.failed.permanent + s.failed.cancelled;
  if (failed > 0) parts.push(`${failed} failed`);
  if (s.skipped.breakerOpen > 0) parts.push(`${s.skipped.breakerOpen} skipped because a breaker is open`);
  if (s.skipped.deadline + s.interrupted > 0)
    parts.push(`${s.skipped.deadline + s.interrupted} stopped by the deadline guard`);
  if (s.skipped.fifo > 0)
    parts.push(`${s.skipped.fifo} skipped after an earlier failure of their FIFO group`);
  return `All ${s.records} records of the batch were reported for redelivery (${parts.join(', ') || 'none processed'}).`;
}
