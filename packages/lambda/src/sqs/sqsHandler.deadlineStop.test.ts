// What the deadline guard's hard stop leaves behind: the errors a FullBatchFailureError lists for records it
// stopped or never started, the summary's counts, and that work still settling after the invocation returned
// changes nothing the caller was given (the thrown error's summary is the same object the batch filled).

import { PermanentError, TransientError } from '@bulwark/errors';
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { loadDeadlineBinding } from '../deadline/runWithinDeadline.js';
import { type FullBatchFailureError, sqsHandler } from '../index.js';

const STOPPED = 'Record not started: the invocation reached its deadline';

/** A gate a record waits on; `open()` lets it go on. */
function gate() {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open: () => open() };
}

/** Runs `handler` to its rejection, advancing fake time past the hard stop. */
async function stopped(pending: Promise<unknown>): Promise<FullBatchFailureError> {
  const settled = pending.then(
    () => {
      throw new Error('the batch resolved; a FullBatchFailureError was expected');
    },
    (error: unknown) => error as FullBatchFailureError,
  );
  await vi.advanceTimersByTimeAsync(1_000);
  return settled;
}

// The binding is imported on first use; loaded here, in real time, so no fake time passes while it loads.
beforeAll(async () => {
  await loadDeadlineBinding();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('sqsHandler: the hard stop', () => {
  it('lists the deadline for the records it stopped and a failure for the one that failed, and late settling changes nothing', async () => {
    // Prepare: in parallel, one record fails at once, two hang until released after the invocation returned
    vi.useFakeTimers();
    const release = gate();
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      async (record) => {
        if (record.messageId === 'bad') throw new TransientError('edna answered 503', { status: 503 });
        await release.wait;
        if (record.messageId === 'late-throw') throw new TransientError('edna answered 502', { status: 502 });
        return 'done';
      },
      { deadline: { safetyMarginMs: 500 }, processInParallel: true, logger },
    );
    const event = sqsEvent([{ messageId: 'bad' }, { messageId: 'late-ok' }, { messageId: 'late-throw' }]);
    // Act
    const error = await stopped(handler(event, lambdaContext({ remainingMs: 1_000 })));
    const summary = structuredClone(error.summary);
    const failureLines = logger.find('record failed; reported for redelivery').length;
    release.open();
    await vi.advanceTimersByTimeAsync(1_000);
    // Assess
    expect(error.recordErrors.map((e) => e.message)).toEqual(['edna answered 503', STOPPED, STOPPED]);
    expect(summary).toMatchObject({
      succeeded: 0,
      failed: { transient: 1 },
      interrupted: 2,
      skipped: { deadline: 0 },
      reported: 3,
    });
    expect(error.summary).toEqual(summary);
    expect(failureLines).toBe(1);
    expect(logger.find('record failed; reported for redelivery')).toHaveLength(1);
  });

  it('counts the records it never reached as skipped, lists the deadline for them, and starts none of them later', async () => {
    // Prepare: one at a time; the first hangs past the hard stop, the two after it were never reached
    vi.useFakeTimers();
    const release = gate();
    const calls: string[] = [];
    const handler = sqsHandler(
      async (record) => {
        calls.push(record.messageId);
        if (record.messageId === 'hang') await release.wait;
      },
      { deadline: { safetyMarginMs: 500 }, logger: new CapturingLogger() },
    );
    const event = sqsEvent([{ messageId: 'hang' }, { messageId: 'x' }, { messageId: 'y' }]);
    // Act
    const error = await stopped(handler(event, lambdaContext({ remainingMs: 1_000 })));
    const summary = structuredClone(error.summary);
    release.open();
    await vi.advanceTimersByTimeAsync(1_000);
    // Assess: Powertools goes on with x and y once 'hang' settles; neither runs, nothing is counted again
    expect(error.recordErrors.map((e) => e.message)).toEqual([STOPPED, STOPPED, STOPPED]);
    expect(summary).toMatchObject({ succeeded: 0, interrupted: 1, skipped: { deadline: 2 }, reported: 3 });
    expect(calls).toEqual(['hang']);
    expect(error.summary).toEqual(summary);
  });

  it('aborts ctx.signal with a transient timeout that names the deadline', async () => {
    // Prepare
    vi.useFakeTimers();
    const reasons: unknown[] = [];
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      (_record, { signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            reasons.push(signal.reason);
            reject(signal.reason);
          }),
        ),
      { deadline: { safetyMarginMs: 500 }, logger, throwOnFullBatchFailure: false },
    );
    // Act
    const pending = handler(sqsEvent([{ messageId: 'm0' }]), lambdaContext({ remainingMs: 2_000 }));
    await vi.advanceTimersByTimeAsync(1_500);
    await pending;
    // Assess
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(TransientError);
    expect(reasons[0]).toMatchObject({
      message: 'The invocation reached its deadline; the record will be redelivered.',
      reason: 'timeout',
    });
    expect(logger.find('record failed; reported for redelivery')[0]).toMatchObject({
      kind: 'transient',
      reason: 'timeout',
    });
  });

  it('keeps a record acknowledged before the stop out of the response', async () => {
    // Prepare: 'p' fails about its content and is acknowledged at once; 'hang' is still running at the stop
    vi.useFakeTimers();
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      (record) => {
        if (record.messageId === 'p') throw new PermanentError('edna refused the order', { status: 422 });
        return new Promise(() => undefined);
      },
      {
        deadline: { safetyMarginMs: 500 },
        processInParallel: true,
        onPermanentFailure: 'acknowledge',
        logger,
      },
    );
    // Act
    const pending = handler(
      sqsEvent([{ messageId: 'p' }, { messageId: 'hang' }]),
      lambdaContext({ remainingMs: 1_000 }),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const response = await pending;
    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'hang' }]);
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({ acknowledged: 1, interrupted: 1 });
  });

  it('reports, and never acknowledges, a record whose hook finished after the invocation returned', async () => {
    // Prepare: the hook is still writing to the parking lot at the stop
    vi.useFakeTimers();
    const release = gate();
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      () => {
        throw new PermanentError('edna refused the order', { status: 422 });
      },
      {
        deadline: { safetyMarginMs: 500 },
        onPermanentFailure: () => release.wait,
        logger,
      },
    );
    // Act
    const error = await stopped(
      handler(sqsEvent([{ messageId: 'p' }]), lambdaContext({ remainingMs: 1_000 })),
    );
    const summary = structuredClone(error.summary);
    release.open();
    await vi.advanceTimersByTimeAsync(1_000);
    // Assess
    expect(summary).toMatchObject({ acknowledged: 0, interrupted: 1, reported: 1 });
    expect(error.summary).toEqual(summary);
    expect(logger.find('record failed permanently; handed to the hook and acknowledged')).toEqual([]);
  });
});
