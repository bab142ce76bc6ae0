// What a record that was not run says (the errors a FullBatchFailureError lists), how records are counted,
// and the keys every line written while a record runs carries.

import { currentLogContext, PermanentError } from '@bulwark/errors';
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { type FullBatchFailureError, sqsHandler } from '../index.js';

/** The rejection of `pending`, which must reject. */
const rejection = (pending: Promise<unknown>): Promise<FullBatchFailureError> =>
  pending.then(
    () => {
      throw new Error('the batch resolved; a FullBatchFailureError was expected');
    },
    (error: unknown) => error as FullBatchFailureError,
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('sqsHandler: records not run', () => {
  it('lists which breaker was open for every record it skipped', async () => {
    // Prepare
    const handler = sqsHandler(() => undefined, {
      skipWhenBreakerOpen: [{ name: 'edna', state: 'isolated' }],
      logger: new CapturingLogger(),
    });
    // Act
    const error = await rejection(handler(sqsEvent([{}, {}]), lambdaContext()));
    // Assess
    expect(error.recordErrors.map((e) => [e.name, e.message])).toEqual([
      ['RecordSkippedError', 'Record not started: the breaker of edna is isolated'],
      ['RecordSkippedError', 'Record not started: the breaker of edna is isolated'],
    ]);
  });

  it('lists the time left and the time a record takes for every record the deadline guard did not start', async () => {
    // Prepare: 1.2 s left, a 500 ms margin, records expected to take 1 s
    vi.useFakeTimers();
    const handler = sqsHandler(() => undefined, {
      deadline: { safetyMarginMs: 500, initialRecordEstimateMs: 1_000 },
      logger: new CapturingLogger(),
    });
    // Act
    const error = await rejection(handler(sqsEvent([{}]), lambdaContext({ remainingMs: 1_200 })));
    // Assess
    expect(error.recordErrors.map((e) => e.message)).toEqual([
      'Record not started: 700 ms left before the safety margin, records take up to 1000 ms',
    ]);
    expect(error.summary).toMatchObject({ skipped: { deadline: 1 }, succeeded: 0 });
  });

  it('counts the FIFO records Powertools never handed over, with no deadline guard too', async () => {
    // Prepare
    const calls: string[] = [];
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      (record) => {
        calls.push(record.messageId);
        if (record.messageId === 'f1') throw new PermanentError('f1 failed');
      },
      { deadline: false, logger },
    );
    const event = sqsEvent(
      ['f0', 'f1', 'f2', 'f3'].map((messageId) => ({ messageId, fifo: { groupId: 'g' } })),
    );
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(calls).toEqual(['f0', 'f1']);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['f1', 'f2', 'f3']);
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({
      fifo: true,
      succeeded: 1,
      duplicates: 0,
      failed: { permanent: 1 },
      skipped: { fifo: 2, deadline: 0 },
    });
  });

  it('counts no duplicates when there is no idempotency: every success ran the handler', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(() => undefined, { logger });
    // Act
    await handler(sqsEvent([{}, {}]), lambdaContext());
    // Assess
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({ succeeded: 2, duplicates: 0 });
  });
});

describe('sqsHandler: the keys of a record', () => {
  it("runs the handler inside the record's log context (what wrapDependency's lines carry)", async () => {
    // Prepare
    const seen: unknown[] = [];
    const handler = sqsHandler(
      () => {
        seen.push(currentLogContext());
      },
      { logger: new CapturingLogger() },
    );
    // Act
    await handler(sqsEvent([{ messageId: 'm-1' }, { messageId: 'm-2' }]), lambdaContext());
    // Assess
    expect(seen).toEqual([
      { correlation_id: 'm-1', messageId: 'm-1' },
      { correlation_id: 'm-2', messageId: 'm-2' },
    ]);
  });

  it('gives a hook of a record whose body never decoded a logger that names the record', async () => {
    // Prepare: the body is not JSON, so the record fails before its context (and its logger) exists
    const logger = new CapturingLogger();
    const handler = sqsHandler(() => undefined, {
      logger,
      onPermanentFailure: ({ logger: recordLogger }) => {
        recordLogger.info('parked');
      },
    });
    // Act
    const response = await handler(sqsEvent([{ messageId: 'm-9', body: '{"id": ' }]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(logger.find('parked')).toMatchObject([{ messageId: 'm-9', correlation_id: 'm-9' }]);
  });
});
