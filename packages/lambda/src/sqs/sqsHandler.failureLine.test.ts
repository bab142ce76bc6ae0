// The exact line a failed record leaves behind, key by key: operators search on `dependency`, `status` and
// `code` and alarm on `kind`/`reason`. A key with nothing to say is absent, never present as undefined or an
// empty string, whichever logger writes it (Powertools' Logger, or a console-like object).
import { IdempotencyAlreadyInProgressError } from '@aws-lambda-powertools/idempotency';
import { type Classification, TransientError } from '@bulwark/errors';
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { type SqsHandlerOptions, sqsHandler } from '../index.js';

/** Runs one record that throws `thrown`; returns its failure line without the timestamp and the stack. */
const failureLine = async (thrown: unknown, options: SqsHandlerOptions = {}) => {
  const logger = new CapturingLogger();
  const handler = sqsHandler(
    () => {
      throw thrown;
    },
    { logger, throwOnFullBatchFailure: false, ...options },
  );
  await handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
  const lines = logger.lines.filter((l) => l.message !== 'SQS batch summary');
  expect(lines).toHaveLength(1);
  const { timestamp, error, ...line } = lines[0] as Record<string, unknown>;
  const { stack, ...serialized } = error as Record<string, unknown>;
  expect(typeof timestamp).toBe('string');
  expect(typeof stack).toBe('string');
  return { ...line, error: serialized };
};

/** The keys every Powertools line of a record carries. */
const RECORD_KEYS = {
  service: 'bulwark-test',
  sampling_rate: 0,
  correlation_id: 'm0',
  messageId: 'm0',
  receiveCount: 1,
};
const REPORTED = { level: 'WARN', message: 'record failed; reported for redelivery', ...RECORD_KEYS };

describe('sqsHandler: the failure line of a record, exactly', () => {
  it('a dependency’s 503: dependency and status, no code', async () => {
    // Act
    const line = await failureLine(new TransientError('edna 503', { dependency: 'edna', status: 503 }));
    // Assess
    expect(line).toStrictEqual({
      ...REPORTED,
      kind: 'transient',
      reason: 'server-error',
      dependency: 'edna',
      status: 503,
      error: {
        name: 'TransientError',
        message: 'edna 503',
        kind: 'transient',
        reason: 'server-error',
        retryable: true,
        status: 503,
        dependency: 'edna',
      },
    });
  });

  it('a reset connection: the code, no dependency and no status', async () => {
    // Act
    const line = await failureLine(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    // Assess
    expect(line).toStrictEqual({
      ...REPORTED,
      kind: 'transient',
      reason: 'network',
      code: 'ECONNRESET',
      error: {
        name: 'Error',
        message: 'read ECONNRESET',
        code: 'ECONNRESET',
        kind: 'transient',
        reason: 'network',
        retryable: true,
      },
    });
  });

  it('an unrecognised failure: none of dependency, status, code or issues', async () => {
    // Act
    const line = await failureLine(new Error('boom'));
    // Assess
    expect(line).toStrictEqual({
      ...RECORD_KEYS,
      level: 'ERROR',
      message: 'record failed permanently; reported (the queue moves it to the DLQ after maxReceiveCount)',
      kind: 'permanent',
      reason: 'unknown',
      error: { name: 'Error', message: 'boom', kind: 'permanent', reason: 'unknown', retryable: false },
    });
  });

  it('issues only for invalid input: a transient failure that carries issues does not log them', async () => {
    // Prepare: e.g. a dependency's answer failed the handler's own schema and was wrapped as transient
    const thrown = Object.assign(new TransientError('edna answered nonsense'), {
      issues: [{ path: 'card', message: 'expected a number, received "4111 1111"' }],
    });
    // Act
    const line = await failureLine(thrown);
    // Assess
    expect(line).not.toHaveProperty('issues');
    expect(JSON.stringify(line)).not.toContain('4111');
  });

  it('the error agrees with the record’s classification, not the general classifier’s', async () => {
    // Prepare: the general classifier does not know Powertools idempotency (permanent, unknown)
    const thrown = new IdempotencyAlreadyInProgressError('There is already an execution in progress');
    // Act
    const line = await failureLine(thrown);
    // Assess
    expect(line).toMatchObject({
      kind: 'transient',
      reason: 'conflict',
      error: { kind: 'transient', reason: 'conflict', retryable: true },
    });
  });

  it('the error agrees with a classify option, not the default classifier', async () => {
    // Prepare
    const mine = (): Classification => ({
      kind: 'transient',
      reason: 'throttled',
      retryable: true,
      countsTowardBreaker: true,
      httpStatus: 503,
      message: 'edna is busy',
      status: 429,
    });
    // Act
    const line = await failureLine(new Error('boom'), { classify: mine });
    // Assess
    expect(line).toMatchObject({
      kind: 'transient',
      reason: 'throttled',
      status: 429,
      error: { kind: 'transient', reason: 'throttled', retryable: true, status: 429 },
    });
  });
});

describe('sqsHandler: the lines a console-like logger is handed', () => {
  /** A logger with the four methods only, as the LoggerLike docs allow: each call's arguments are kept. */
  const consoleLike = () => {
    const calls: { level: string; args: unknown[] }[] = [];
    const method =
      (level: string) =>
      (...args: unknown[]) =>
        void calls.push({ level, args });
    const logger = {
      debug: method('debug'),
      info: method('info'),
      warn: method('warn'),
      error: method('error'),
    };
    return { logger, calls };
  };

  it('a failure: the message and one attributes object, with no key that has nothing to say', async () => {
    // Prepare
    const { logger, calls } = consoleLike();
    const handler = sqsHandler(
      () => {
        throw new TransientError('edna 503');
      },
      { logger, throwOnFullBatchFailure: false },
    );
    // Act
    await handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
    // Assess
    const failure = calls.find((c) => c.args[0] === 'record failed; reported for redelivery');
    expect(failure?.level).toBe('warn');
    expect(failure?.args).toHaveLength(2);
    expect(Object.keys(failure?.args[1] as object)).toEqual([
      'messageId',
      'receiveCount',
      'kind',
      'reason',
      'error',
    ]);
  });

  it('the summary: one object, never followed by an undefined a console would print', async () => {
    // Prepare
    const { logger, calls } = consoleLike();
    // Act
    await sqsHandler(() => undefined, { logger })(sqsEvent([{ messageId: 'm0' }]), lambdaContext());
    // Assess
    expect(calls).toHaveLength(1);
    expect(calls[0]?.level).toBe('info');
    expect(calls[0]?.args).toEqual([{ message: 'SQS batch summary', batch: expect.any(Object) }]);
  });
});
