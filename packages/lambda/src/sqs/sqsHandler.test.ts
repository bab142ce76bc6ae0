import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { DependencyDownError, PermanentError, TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { lambdaContext, sqsEvent, sqsRecord } from '@bulwark/testing';
import type { SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { orderSchema } from '../__support__/standardSchema.js';
import { type PermanentFailure, sqsHandler } from '../index.js';
import { isInvalidRecordError } from './InvalidRecordError.js';

type Behaviour = 'ok' | 'transient' | 'down' | 'permanent' | 'poison' | 'throw-undefined' | 'throw-string';

/** A record whose JSON body tells the handler how to behave; `malformed` gets a body that is not JSON. */
const rec = (id: string, behaviour: Behaviour | 'malformed'): SQSRecord =>
  sqsRecord({ messageId: id, body: behaviour === 'malformed' ? '{"id": ' : { id, behaviour } });

const behave = async (record: SQSRecord, body: { behaviour: Behaviour }): Promise<string> => {
  switch (body.behaviour) {
    case 'ok':
      return record.messageId;
    case 'transient':
      throw new TransientError('edna answered 503', { dependency: 'edna', status: 503 });
    case 'down':
      throw new DependencyDownError('edna circuit open', { dependency: 'edna' });
    case 'permanent':
      throw new PermanentError('edna answered 400', { dependency: 'edna', status: 400 });
    case 'poison':
      // A bug that hits this message every time it is delivered.
      return (undefined as unknown as { explode(): string }).explode();
    case 'throw-undefined':
      throw undefined;
    case 'throw-string':
      throw 'nope';
  }
};

const failures = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier).sort();

const mixed = () =>
  sqsEvent([
    rec('ok-1', 'ok'),
    rec('transient', 'transient'),
    rec('down', 'down'),
    rec('permanent', 'permanent'),
    rec('malformed', 'malformed'),
    rec('poison', 'poison'),
    rec('undef', 'throw-undefined'),
    rec('string', 'throw-string'),
    rec('ok-2', 'ok'),
  ]);

afterEach(() => {
  vi.useRealTimers();
});

describe('sqsHandler: a mixed batch', () => {
  it.each([
    {
      policy: 'report' as const,
      expected: ['down', 'malformed', 'permanent', 'poison', 'string', 'transient', 'undef'],
      acknowledged: 0,
    },
    // A bug (poison) and thrown non-Errors are not about the message: reported even under 'acknowledge'.
    {
      policy: 'acknowledge' as const,
      expected: ['down', 'poison', 'string', 'transient', 'undef'],
      acknowledged: 2,
    },
  ])(
    'with onPermanentFailure $policy reports exactly $expected',
    async ({ policy, expected, acknowledged }) => {
      // Prepare
      const logger = new CapturingLogger();
      const handler = sqsHandler<{ behaviour: Behaviour }>((record, { body }) => behave(record, body), {
        onPermanentFailure: policy,
        logger,
      });
      // Act
      const response = await handler(mixed(), lambdaContext());
      // Assess
      expect(failures(response)).toEqual(expected);
      const [summary] = logger.find('SQS batch summary');
      expect(logger.find('SQS batch summary')).toHaveLength(1);
      expect(summary?.batch).toMatchObject({
        records: 9,
        succeeded: 2,
        failed: {
          transient: 1,
          'dependency-down': 1,
          permanent: 5 - acknowledged,
          cancelled: 0,
        },
        acknowledged,
        reported: expected.length,
      });
    },
  );

  it('hands failures about the message to the hook and acknowledges them; a failing hook reports the record', async () => {
    // Prepare
    const seen: PermanentFailure[] = [];
    const handler = sqsHandler<{ behaviour: Behaviour }>((record, { body }) => behave(record, body), {
      logger: new CapturingLogger(),
      onPermanentFailure: async (failure) => {
        seen.push(failure);
        if (failure.record.messageId === 'permanent') throw new Error('parking lot is down');
      },
    });
    // Act
    const response = await handler(mixed(), lambdaContext());
    // Assess
    expect(failures(response)).toEqual(['down', 'permanent', 'poison', 'string', 'transient', 'undef']);
    // Never called for a bug or a thrown non-Error: those are ours, reported whatever the policy.
    expect(seen.map((f) => f.record.messageId).sort()).toEqual(['malformed', 'permanent']);
    const malformed = seen.find((f) => f.record.messageId === 'malformed');
    expect(malformed?.classification).toMatchObject({ kind: 'permanent', reason: 'invalid-input' });
    expect(isInvalidRecordError(malformed?.error)).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'boom'],
    ['a number', 42],
    ['null', null],
    ['a plain object', { code: 'E' }],
  ])(
    'keeps the batch alive when a handler throws %s (only that record is reported)',
    async (_label, value) => {
      // Prepare
      const handler = sqsHandler(
        (record) => {
          if (record.messageId === 'bad') throw value;
        },
        { logger: new CapturingLogger() },
      );
      // Act
      const response = await handler(sqsEvent([rec('good', 'ok'), rec('bad', 'ok')]), lambdaContext());
      // Assess
      expect(failures(response)).toEqual(['bad']);
    },
  );

  it('logs one error line per permanent failure, with the validation issues and the message id as correlation id', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = sqsHandler(async () => undefined, {
      schema: orderSchema,
      logger,
      throwOnFullBatchFailure: false,
    });
    const event = sqsEvent([sqsRecord({ messageId: 'm-1', body: { id: '', qty: 0 } })]);
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(failures(response)).toEqual(['m-1']);
    const errors = logger.lines.filter((l) => l.level === 'ERROR' && l.correlation_id === 'm-1');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      kind: 'permanent',
      reason: 'invalid-input',
      issues: [
        { path: 'id', message: 'id must be a non-empty string' },
        { path: 'qty', message: 'qty must be an integer >= 1' },
      ],
    });
  });
});

describe('sqsHandler: body parsing and validation', () => {
  it("gives the handler the schema's output", async () => {
    // Prepare
    const bodies: unknown[] = [];
    const handler = sqsHandler(
      (_record, { body }) => {
        bodies.push(body);
      },
      { schema: orderSchema, logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(sqsEvent([{ body: { id: '  a-1 ', qty: 2 } }]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(bodies).toEqual([{ id: 'a-1', qty: 2 }]);
  });

  it("passes the raw string with body: 'text' (a non-JSON body is then fine)", async () => {
    // Prepare
    const bodies: unknown[] = [];
    const handler = sqsHandler(
      (_record, { body }) => {
        bodies.push(body);
      },
      { body: 'text', logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(sqsEvent([{ body: 'plain text, not JSON' }]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(bodies).toEqual(['plain text, not JSON']);
  });
});

describe('sqsHandler: FIFO', () => {
  const fifoEvent = (groups: string[], failAt: string) =>
    sqsEvent(
      groups.map((groupId, i) => ({
        messageId: `m${i}`,
        body: { behaviour: `m${i}` === failAt ? 'transient' : 'ok' },
        fifo: { groupId },
      })),
    );

  it('processes in order and, after a failure, reports the failed record and every later one unrun', async () => {
    // Prepare
    const calls: string[] = [];
    const handler = sqsHandler<{ behaviour: Behaviour }>(
      async (record, { body }) => {
        calls.push(record.messageId);
        await Promise.resolve();
        return behave(record, body);
      },
      { logger: new CapturingLogger() },
    );
    // Act: FIFO is detected from the .fifo queue ARN
    const response = await handler(fifoEvent(['a', 'b', 'a', 'b', 'a'], 'm2'), lambdaContext());
    // Assess
    expect(calls).toEqual(['m0', 'm1', 'm2']);
    expect(failures(response)).toEqual(['m2', 'm3', 'm4']);
  });

  it('with skipGroupOnError skips only the failed group and goes on with the others', async () => {
    // Prepare
    const calls: string[] = [];
    const logger = new CapturingLogger();
    const handler = sqsHandler<{ behaviour: Behaviour }>(
      (record, { body }) => {
        calls.push(record.messageId);
        return behave(record, body);
      },
      { skipGroupOnError: true, logger },
    );
    // Act
    const response = await handler(fifoEvent(['a', 'b', 'a', 'b', 'a'], 'm2'), lambdaContext());
    // Assess
    expect(calls).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(failures(response)).toEqual(['m2', 'm4']);
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({ fifo: true, skipped: { fifo: 1 } });
  });

  it('runs a .fifo queue as a standard one when fifo: false says so', async () => {
    // Prepare
    const calls: string[] = [];
    const handler = sqsHandler<{ behaviour: Behaviour }>(
      (record, { body }) => {
        calls.push(record.messageId);
        return behave(record, body);
      },
      { fifo: false, logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(fifoEvent(['a', 'a', 'a'], 'm0'), lambdaContext());
    // Assess
    expect(calls).toEqual(['m0', 'm1', 'm2']);
    expect(failures(response)).toEqual(['m0']);
  });
});

describe('sqsHandler: breaker-aware skip', () => {
  it('reports the records still waiting, without calling the handler, once a listed breaker is open', async () => {
    // Prepare: the dependency's breaker opens while the second record is handled
    const edna = { name: 'edna', state: 'closed' as string };
    const calls: string[] = [];
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      (record) => {
        calls.push(record.messageId);
        if (record.messageId === 'm1') {
          edna.state = 'open';
          throw new DependencyDownError('edna is down', { dependency: 'edna' });
        }
      },
      { skipWhenBreakerOpen: [edna], logger },
    );
    const event = sqsEvent(['m0', 'm1', 'm2', 'm3'].map((messageId) => ({ messageId })));
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(calls).toEqual(['m0', 'm1']);
    expect(failures(response)).toEqual(['m1', 'm2', 'm3']);
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({
      succeeded: 1,
      failed: { 'dependency-down': 1 },
      skipped: { breakerOpen: 2 },
    });
  });

  it('lets records through while the breaker is half-open (they are the probe)', async () => {
    // Prepare
    const edna = { name: 'edna', state: 'half-open' };
    const handler = sqsHandler(() => undefined, {
      skipWhenBreakerOpen: [edna],
      logger: new CapturingLogger(),
    });
    // Act
    const response = await handler(sqsEvent([{}, {}]), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toEqual([]);
  });
});

describe('sqsHandler: deadline guard', () => {
  it('starts a record only while the remaining time covers the margin plus the longest record so far', async () => {
    // Prepare: 3.2 s left, 500 ms margin, each record takes 1 s
    vi.useFakeTimers();
    const calls: string[] = [];
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      async (record) => {
        calls.push(record.messageId);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      },
      { deadline: { safetyMarginMs: 500 }, logger },
    );
    const event = sqsEvent(['m0', 'm1', 'm2', 'm3', 'm4'].map((messageId) => ({ messageId })));
    // Act
    const pending = handler(event, lambdaContext({ remainingMs: 3_200 }));
    await vi.advanceTimersByTimeAsync(5_000);
    const response = await pending;
    // Assess: after m1, 1.2 s are left: 0.7 s above the margin, less than the 1 s a record takes
    expect(calls).toEqual(['m0', 'm1']);
    expect(failures(response)).toEqual(['m2', 'm3', 'm4']);
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({
      succeeded: 2,
      skipped: { deadline: 3 },
    });
  });

  it('returns before the Lambda timeout when a record hangs, reporting it and the rest, and aborts ctx.signal', async () => {
    // Prepare
    vi.useFakeTimers();
    const signals: AbortSignal[] = [];
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      (record, { signal }) => {
        signals.push(signal);
        if (record.messageId === 'm1') return new Promise(() => undefined); // never settles
        return undefined;
      },
      { deadline: { safetyMarginMs: 500 }, logger },
    );
    const context = lambdaContext({ remainingMs: 2_000 });
    const event = sqsEvent(['m0', 'm1', 'm2'].map((messageId) => ({ messageId })));
    // Act
    let settledWith: number | undefined;
    const pending = handler(event, context).then((r) => {
      settledWith = context.getRemainingTimeInMillis();
      return r;
    });
    await vi.advanceTimersByTimeAsync(1_749);
    expect(settledWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    const response = await pending;
    // Assess: the signal aborted at the margin (500 ms left); the hang was abandoned at half of it
    expect(settledWith).toBe(250);
    expect(failures(response)).toEqual(['m1', 'm2']);
    expect(signals[1]?.aborted).toBe(true);
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({
      succeeded: 1,
      interrupted: 1,
      skipped: { deadline: 1 },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts ctx.signal at the margin, so a record that listens fails as a classified timeout, not abandoned', async () => {
    // Prepare
    vi.useFakeTimers();
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      (record, { signal }) =>
        record.messageId === 'm0'
          ? undefined
          : new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      { deadline: { safetyMarginMs: 500 }, logger },
    );
    const context = lambdaContext({ remainingMs: 2_000 });
    // Act
    const pending = handler(sqsEvent([{ messageId: 'm0' }, { messageId: 'm1' }]), context);
    await vi.advanceTimersByTimeAsync(1_500);
    const response = await pending;
    // Assess
    expect(context.getRemainingTimeInMillis()).toBe(500);
    expect(failures(response)).toEqual(['m1']);
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({
      failed: { transient: 1 },
      interrupted: 0,
    });
  });

  it('bounds every wrapDependency call inside a record by the remaining time (withDeadline)', async () => {
    // Prepare: a dependency with no timeout of its own, and a call that never answers unless aborted
    vi.useFakeTimers();
    const edna = wrapDependency('edna', { retry: { maxAttempts: 1 }, logger: false });
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      () =>
        edna.execute(
          ({ signal }) =>
            new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
        ),
      { deadline: { safetyMarginMs: 400 }, logger, throwOnFullBatchFailure: false },
    );
    const context = lambdaContext({ remainingMs: 2_000 });
    // Act
    const pending = handler(sqsEvent([{ messageId: 'm0' }]), context);
    await vi.advanceTimersByTimeAsync(2_000);
    const response = await pending;
    // Assess: the call was cut by the deadline (a classified timeout), not abandoned by the hard stop
    expect(failures(response)).toEqual(['m0']);
    const [failure] = logger.find('record failed; reported for redelivery');
    expect(failure).toMatchObject({ kind: 'transient', reason: 'timeout' });
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({ interrupted: 0 });
  });

  it('keeps a batch abandoned at the hard stop from touching the next invocation of the same handler', async () => {
    // Prepare: the first invocation's record hangs until released, which happens during the second invocation
    vi.useFakeTimers();
    let release: (() => void) | undefined;
    const calls: string[] = [];
    const handler = sqsHandler(
      async (record) => {
        calls.push(record.messageId);
        if (record.messageId === 'hang') {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        }
        if (record.messageId === 'slow') {
          release?.();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (record.messageId === 'bad') throw new TransientError('503');
      },
      { deadline: { safetyMarginMs: 500 }, logger: new CapturingLogger(), throwOnFullBatchFailure: false },
    );
    const first = handler(
      sqsEvent([{ messageId: 'hang' }, { messageId: 'after-hang' }]),
      lambdaContext({ remainingMs: 1_000 }),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const abandoned = await first;
    // Act: a second batch on the warm handler; its first record releases the abandoned one
    const second = handler(
      sqsEvent([{ messageId: 'slow' }, { messageId: 'bad' }, { messageId: 'ok' }]),
      lambdaContext({ remainingMs: 10_000 }),
    );
    await vi.advanceTimersByTimeAsync(200);
    const response = await second;
    // Assess: the abandoned batch never ran 'after-hang', and the second batch is reported on its own
    expect(failures(abandoned)).toEqual(['after-hang', 'hang']);
    expect(failures(response)).toEqual(['bad']);
    expect(calls).toEqual(['hang', 'slow', 'bad', 'ok']);
  });

  it('leaves no timer behind after a batch that finished in time', async () => {
    // Prepare
    vi.useFakeTimers();
    const handler = sqsHandler(() => undefined, { logger: new CapturingLogger() });
    // Act
    await handler(sqsEvent([{}, {}]), lambdaContext());
    // Assess
    expect(vi.getTimerCount()).toBe(0);
  });

  it('carries the longest record time into the next invocation of a warm handler', async () => {
    // Prepare: the first batch teaches the handler that records take 1 s
    vi.useFakeTimers();
    const calls: string[] = [];
    const handler = sqsHandler(
      async (record) => {
        calls.push(record.messageId);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      },
      { deadline: { safetyMarginMs: 500 }, logger: new CapturingLogger(), throwOnFullBatchFailure: false },
    );
    const first = handler(sqsEvent([{ messageId: 'a' }]), lambdaContext({ remainingMs: 10_000 }));
    await vi.advanceTimersByTimeAsync(1_000);
    await first;
    // Act: the second invocation starts with 1.4 s left: 0.9 s above the margin
    const second = await handler(sqsEvent([{ messageId: 'b' }]), lambdaContext({ remainingMs: 1_400 }));
    // Assess
    expect(calls).toEqual(['a']);
    expect(failures(second)).toEqual(['b']);
  });
});

describe('sqsHandler: whole-batch failure', () => {
  it('throws FullBatchFailureError when every record failed (as Powertools does)', async () => {
    // Prepare
    const handler = sqsHandler(
      () => {
        throw new TransientError('down');
      },
      { logger: new CapturingLogger() },
    );
    // Act + Assess
    await expect(handler(sqsEvent([{}, {}]), lambdaContext())).rejects.toBeInstanceOf(FullBatchFailureError);
  });

  it('returns every record instead with throwOnFullBatchFailure: false', async () => {
    // Prepare
    const handler = sqsHandler(
      () => {
        throw new TransientError('down');
      },
      { throwOnFullBatchFailure: false, logger: new CapturingLogger() },
    );
    const event = sqsEvent([{ messageId: 'a' }, { messageId: 'b' }]);
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(failures(response)).toEqual(['a', 'b']);
  });
});

describe('sqsHandler: parallel processing', () => {
  it('starts every record at once with processInParallel', async () => {
    // Prepare
    let inFlight = 0;
    let peak = 0;
    const handler = sqsHandler(
      async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
      },
      { processInParallel: true, logger: new CapturingLogger() },
    );
    // Act
    await handler(sqsEvent([{}, {}, {}, {}]), lambdaContext());
    // Assess
    expect(peak).toBe(4);
  });
});
