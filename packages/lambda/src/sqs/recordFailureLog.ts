// The failure line each failed record leaves behind. The error goes through serializeError (never the raw
// value: Powertools writes every enumerable property, headers and bodies included), and no logger fault may
// change what happens to the record.

import { type Classification, redactText, serializeError } from '@bulwark/errors';
import type { SQSRecord } from 'aws-lambda';
import type { LoggerLike, LogInput } from '../internal/LoggerLike.js';
import { loggableIssues } from '../internal/safeIssues.js';
import { receiveCountOf } from './RecordContext.js';

/** Writes one line; a logger that throws is ignored (the record's outcome is decided elsewhere). */
export function safeLog(
  logger: LoggerLike,
  level: 'info' | 'warn' | 'error',
  input: LogInput,
  attributes?: Record<string, unknown>,
): void {
  try {
    if (attributes === undefined) logger[level](input);
    else logger[level](input, attributes);
  } catch {
    // A broken logger must not fail (or double-count) the record.
  }
}

export function logRecordFailure(
  logger: LoggerLike,
  level: 'warn' | 'error',
  message: string,
  record: SQSRecord,
  thrown: unknown,
  c: Classification,
): void {
  const issues = c.reason === 'invalid-input' ? loggableIssues(thrown) : undefined;
  safeLog(logger, level, message, {
    messageId: record.messageId,
    receiveCount: receiveCountOf(record),
    kind: c.kind,
    reason: c.reason,
    ...(c.dependency === undefined ? {} : { dependency: redactText(c.dependency, 100) }),
    ...(c.status === undefined ? {} : { status: c.status }),
    ...(c.code === undefined ? {} : { code: redactText(c.code, 100) }),
    ...(issues === undefined ? {} : { issues }),
    error: serializeError(thrown, { classification: c }),
  });
}
