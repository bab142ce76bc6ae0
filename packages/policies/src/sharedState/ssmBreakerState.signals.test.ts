// What ssmBreakerState tells operators: each log line with its exact message and attributes, each metric by
// name, and the log rate limit at its edge. Reads go through a provider the test scripts (a caller may give
// any object with get()); only Date is faked, so every line carries a known time. The same lines over the
// real SDK and the SSM emulator are in test/policies/sharedState/ssmBreakerState.sdk.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ssmBreakerState } from './ssmBreakerState.js';
import type { SsmBreakerStateOptions } from './ssmBreakerStateTypes.js';

const NAME = '/bulwark/breakers/edna';
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const FAILED = 'Shared breaker state could not be read; the local breaker decides';
const REFUSED = 'Shared breaker state document refused; it is ignored';
const RECOVERED = 'Shared breaker state readable again';
const STALE = 'Shared breaker state is stale; dropped until SSM answers again';

/** A provider whose answers the test queues: a value, or an Error to reject with; undefined when empty. */
function scriptedReader() {
  const queue: unknown[] = [];
  const asked: { name: string; options: unknown }[] = [];
  return {
    asked,
    next: (...answers: unknown[]) => void queue.push(...answers),
    get(name: string, options: unknown): Promise<unknown> {
      asked.push({ name, options });
      const answer = queue.shift();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

const doc = (state: 'open' | 'closed', dependency = 'edna') =>
  JSON.stringify({
    version: 1,
    dependency,
    state,
    since: '2026-11-23T09:00:00.000Z',
    reason: 'probe',
    writtenBy: { kind: 'probe', id: 'p' },
    updatedAt: '2026-11-23T09:00:00.000Z',
  });

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
/** Lets the read's promise callbacks run (setImmediate is not faked). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const at = (ms: number) => vi.setSystemTime(T0 + ms);
/** Moves the clock to T0 + ms, calls current() (which may start a read) and lets that read finish. */
async function readAt(state: { current(): unknown }, ms: number): Promise<void> {
  at(ms);
  state.current();
  await settle();
}

function make(overrides: Partial<SsmBreakerStateOptions> = {}) {
  const reader = scriptedReader();
  const lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const metrics: unknown[][] = [];
  const options = {
    parameterName: NAME,
    provider: reader,
    logger: {
      warn: (message: string, attributes: Record<string, unknown>) =>
        void lines.push({ level: 'warn', message, attributes }),
      info: (message: string, attributes: Record<string, unknown>) =>
        void lines.push({ level: 'info', message, attributes }),
    },
    metrics: { addMetric: (...args: unknown[]) => void metrics.push(args) },
    ...overrides,
  };
  return { reader, lines, metrics, start: () => ssmBreakerState(options) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ssmBreakerState log lines and metrics', () => {
  it('reports a failed read once, with what it keeps and when it tries next, and counts it', async () => {
    // Prepare
    const { reader, lines, metrics, start } = make();
    reader.next(throttled());

    // Act
    const state = start();
    await state.ready();

    // Assess
    expect(lines).toEqual([
      {
        level: 'warn',
        message: FAILED,
        attributes: {
          parameterName: NAME,
          error: 'ThrottlingException: Rate exceeded',
          consecutiveFailures: 1,
          keeping: 'nothing',
          nextAttemptInMs: 5_000,
        },
      },
    ]);
    expect(metrics).toEqual([['SharedStateReadFailure', 'Count', 1]]);
    expect(state.stats()).toEqual({
      reads: 1,
      successes: 0,
      failures: 1,
      invalidDocuments: 0,
      notFound: 0,
      timeouts: 0,
    });
  });

  it('names the document it keeps, doubles the wait, and says when SSM answers again', async () => {
    // Prepare
    const { reader, lines, start } = make({ logIntervalSeconds: 1 });
    reader.next(doc('open'), throttled(), throttled(), doc('closed'));
    const state = start();
    await state.ready();

    // Act: three reads past maxAge, each when the last one allows
    await readAt(state, 5_001);
    await readAt(state, 15_002);
    await readAt(state, 35_003);

    // Assess
    expect(lines).toEqual([
      expect.objectContaining({
        attributes: expect.objectContaining({
          consecutiveFailures: 1,
          keeping: 'open',
          nextAttemptInMs: 5_000,
        }),
      }),
      expect.objectContaining({
        attributes: expect.objectContaining({
          consecutiveFailures: 2,
          keeping: 'open',
          nextAttemptInMs: 10_000,
        }),
      }),
      { level: 'info', message: RECOVERED, attributes: { parameterName: NAME, afterFailures: 2 } },
    ]);
    expect(state.current()?.state).toBe('closed');
    expect(state.stats()).toMatchObject({ reads: 4, successes: 2, failures: 2 });
  });

  it('says SSM answers again when the answer is "no parameter"', async () => {
    // Prepare
    const { reader, lines, start } = make();
    reader.next(throttled(), undefined);
    const state = start();
    await state.ready();

    // Act
    await readAt(state, 5_001);

    // Assess
    expect(lines.at(-1)).toEqual({
      level: 'info',
      message: RECOVERED,
      attributes: { parameterName: NAME, afterFailures: 1 },
    });
    expect(state.stats()).toMatchObject({ notFound: 1, failures: 1 });
  });

  it('refuses a document it cannot use, keeping the last good one, and counts it', async () => {
    // Prepare
    const { reader, lines, metrics, start } = make();
    reader.next(doc('open'), 'not json');
    const state = start();
    await state.ready();

    // Act
    await readAt(state, 5_001);

    // Assess
    expect(lines).toEqual([
      {
        level: 'warn',
        message: REFUSED,
        attributes: {
          parameterName: NAME,
          problem: 'unparseable',
          detail: expect.any(String),
          keeping: 'open',
        },
      },
    ]);
    expect(metrics).toEqual([['SharedStateInvalidDocument', 'Count', 1]]);
    expect(state.current()?.state).toBe('open');
    expect(state.stats()).toMatchObject({ successes: 1, invalidDocuments: 1 });
  });

  it('refuses an answer that is not text, saying what it was', async () => {
    // Prepare
    const { reader, lines, start } = make();
    reader.next(42);

    // Act
    const state = start();
    await state.ready();

    // Assess
    expect(lines).toEqual([
      {
        level: 'warn',
        message: REFUSED,
        attributes: {
          parameterName: NAME,
          problem: 'unparseable',
          detail: 'the provider answered a number, not text',
          keeping: 'nothing',
        },
      },
    ]);
    expect(state.stats()).toMatchObject({ invalidDocuments: 1, successes: 0 });
  });

  it('drops a document older than staleAfterSeconds with one warning, and warns again for the next one', async () => {
    // Prepare: refreshes fail, so the document ages; later a new one arrives and ages too
    const { reader, lines, start } = make({ staleAfterSeconds: 10, logIntervalSeconds: 1 });
    reader.next(doc('open'), throttled(), throttled(), doc('closed'), throttled());
    const state = start();
    await state.ready();
    await readAt(state, 5_001);

    // Act
    at(10_000);
    const atTheEdge = state.current();
    at(10_001);
    const past = state.current();
    await readAt(state, 10_002);
    await readAt(state, 20_003);
    await readAt(state, 30_004);

    // Assess
    expect(atTheEdge?.state).toBe('open');
    expect(past).toBeUndefined();
    expect(lines.filter((l) => l.message === STALE)).toEqual([
      {
        level: 'warn',
        message: STALE,
        attributes: { parameterName: NAME, droppedState: 'open', ageMs: 10_001 },
      },
      {
        level: 'warn',
        message: STALE,
        attributes: { parameterName: NAME, droppedState: 'closed', ageMs: 10_001 },
      },
    ]);
  });
});

describe('ssmBreakerState log rate limit', () => {
  it('holds back warnings within logIntervalSeconds and counts them on the next one, at the exact edge', async () => {
    // Prepare
    const { reader, lines, metrics, start } = make({ logIntervalSeconds: 20, maxBackoffSeconds: 600 });
    reader.next(throttled(), throttled(), throttled());
    const state = start();
    await state.ready();

    // Act: failures at 0 (logged), 5,001 (held back) and 20,000 (logIntervalSeconds after the first)
    await readAt(state, 5_001);
    await readAt(state, 20_000);

    // Assess
    expect(lines.map((l) => [l.attributes.consecutiveFailures, l.attributes.suppressedSinceLastLog])).toEqual(
      [
        [1, undefined],
        [3, 1],
      ],
    );
    expect(metrics).toHaveLength(3);
  });

  it('never lets an info line hold back the next warning', async () => {
    // Prepare
    const { reader, lines, start } = make({ logIntervalSeconds: 10 });
    reader.next(throttled(), doc('open'), throttled());
    const state = start();
    await state.ready();

    // Act: failure at 0, recovery (info) at 5,001, failure at 10,002: 10 s after the last warning
    await readAt(state, 5_001);
    await readAt(state, 10_002);

    // Assess
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', FAILED],
      ['info', RECOVERED],
      ['warn', FAILED],
    ]);
  });
});
