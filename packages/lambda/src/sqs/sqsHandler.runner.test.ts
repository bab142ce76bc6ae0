// The batch runner's less travelled paths, each pinned by what the queue or an operator sees: the first
// record's deadline estimate, the deadline turned off, the processor pool across standard and FIFO batches,
// the FIFO-skipped records of a full-batch failure, a logger that cannot make a child.
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { sqsHandler } from '../index.js';
import { FullBatchFailureError } from './FullBatchFailureError.js';

const failures = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier).sort();
const failOn =
  (...ids: string[]) =>
  async (record: SQSRecord): Promise<void> => {
    if (ids.includes(record.messageId)) throw new Error(`${record.messageId} failed`);
  };
const standard = (ids: string[]) => sqsEvent(ids.map((messageId) => ({ messageId })));
const fifo = (ids: string[]) => sqsEvent(ids.map((messageId) => ({ messageId, fifo: { groupId: 'g' } })));

describe('sqsHandler runner: the deadline', () => {
  it('guards the first record of the first batch by initialRecordEstimateMs', async () => {
    // Prepare: 5.4 s left, a 0.5 s margin: 4.9 s of budget, less than the 5 s a record is expected to take
    const calls: string[] = [];
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      (record) => {
        calls.push(record.messageId);
      },
      {
        logger,
        deadline: { safetyMarginMs: 500, initialRecordEstimateMs: 5_000 },
        throwOnFullBatchFailure: false,
      },
    );
    // Act
    const response = await handler(standard(['m0']), lambdaContext({ remainingMs: 5_400 }));
    // Assess
    expect(calls).toEqual([]);
    expect(failures(response)).toEqual(['m0']);
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({ skipped: { deadline: 1 } });
  });

  it('deadline: false runs every record however little time is left, and gives no budget', async () => {
    // Prepare
    const seen: number[] = [];
    const handler = sqsHandler(
      (_record, ctx) => {
        seen.push(ctx.remainingMs());
      },
      { logger: new CapturingLogger(), deadline: false },
    );
    // Act
    const response = await handler(standard(['m0', 'm1']), lambdaContext({ remainingMs: 10 }));
    // Assess
    expect(failures(response)).toEqual([]);
    expect(seen).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
  });

  it('with a deadline, a record reads the time left before the safety margin', async () => {
    // Prepare
    const seen: number[] = [];
    const handler = sqsHandler(
      (_record, ctx) => {
        seen.push(ctx.remainingMs());
      },
      { logger: new CapturingLogger(), deadline: { safetyMarginMs: 1_000 } },
    );
    // Act
    await handler(standard(['m0']), lambdaContext({ remainingMs: 10_000 }));
    // Assess
    expect(seen[0]).toBeGreaterThan(8_000);
    expect(seen[0]).toBeLessThanOrEqual(9_000);
  });
});

describe('sqsHandler runner: one handler, standard and FIFO batches', () => {
  it('a FIFO batch after a standard one keeps FIFO order: later records of the group are not run', async () => {
    // Prepare
    const handler = sqsHandler(failOn('f0'), {
      logger: new CapturingLogger(),
      throwOnFullBatchFailure: false,
    });
    await handler(standard(['s0', 's1']), lambdaContext());
    // Act
    const response = await handler(fifo(['f0', 'f1']), lambdaContext());
    // Assess
    expect(failures(response)).toEqual(['f0', 'f1']);
  });

  it('a standard batch after a FIFO one runs every record', async () => {
    // Prepare
    const handler = sqsHandler(failOn('s0'), { logger: new CapturingLogger() });
    await handler(fifo(['f0', 'f1']), lambdaContext());
    // Act
    const response = await handler(standard(['s0', 's1']), lambdaContext());
    // Assess
    expect(failures(response)).toEqual(['s0']);
  });
});

describe('sqsHandler runner: a full-batch failure', () => {
  it('lists, for each FIFO record never run, that an earlier record of its group failed', async () => {
    // Prepare
    const handler = sqsHandler(failOn('f0'), {
      logger: new CapturingLogger(),
      throwOnFullBatchFailure: true,
    });
    // Act
    const thrown = await handler(fifo(['f0', 'f1']), lambdaContext()).then(
      () => undefined,
      (error: unknown) => error,
    );
    // Assess
    expect(thrown).toBeInstanceOf(FullBatchFailureError);
    // Each record's error as the summary line would write it (name and redacted message only).
    const errors = (thrown as FullBatchFailureError).recordErrors as Error[];
    expect(errors.map((e) => [e.name, e.message])).toEqual([
      ['Error', 'f0 failed'],
      ['RecordSkippedError', 'Record not started: an earlier record of its FIFO group failed'],
    ]);
  });
});

describe('sqsHandler runner: a logger that cannot make a child', () => {
  it('logs the failure on the parent logger instead', async () => {
    // Prepare
    const logger = new CapturingLogger();
    logger.createChild = () => {
      throw new Error('no child for you');
    };
    const handler = sqsHandler(failOn('m0'), { logger, throwOnFullBatchFailure: false });
    // Act
    const response = await handler(standard(['m0']), lambdaContext());
    // Assess
    expect(failures(response)).toEqual(['m0']);
    expect(
      logger.find(
        'record failed permanently; reported (the queue moves it to the DLQ after maxReceiveCount)',
      ),
    ).toMatchObject([{ messageId: 'm0', error: { message: 'm0 failed' } }]);
  });
  it('logs a record that failed before its context existed (a body that is not JSON) on the parent too', async () => {
    // Prepare
    const logger = new CapturingLogger();
    logger.createChild = () => {
      throw new Error('no child for you');
    };
    const handler = sqsHandler(() => undefined, { logger, throwOnFullBatchFailure: false });
    // Act
    const response = await handler(sqsEvent([{ messageId: 'm0', body: '{"id": ' }]), lambdaContext());
    // Assess
    expect(failures(response)).toEqual(['m0']);
    expect(
      logger.find(
        'record failed permanently; reported (the queue moves it to the DLQ after maxReceiveCount)',
      ),
    ).toMatchObject([{ messageId: 'm0', reason: 'invalid-input' }]);
  });
});
