// When ssmBreakerState reads and what it does with slow, failing or late answers: the read's options, the
// refresh edge, the bounds on loading and reading (fake timers), and attach(). Reads go through a provider
// the test controls (a caller may give any object with get(), or a function building one).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SharedBreakerState } from './SharedBreakerState.js';
import { ssmBreakerState } from './ssmBreakerState.js';
import type { ParameterReader, SsmBreakerStateOptions } from './ssmBreakerStateTypes.js';

const NAME = '/bulwark/breakers/edna';
const T0 = Date.parse('2026-11-23T10:00:00.000Z');

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

/** A provider answering `answer()` to every get, recording what it was asked. */
function reader(answer: () => Promise<unknown> = () => Promise.resolve(doc('open'))) {
  const asked: unknown[][] = [];
  return {
    asked,
    get: (...args: unknown[]) => {
      asked.push(args);
      return answer();
    },
  };
}

/** A promise the test settles by hand. */
function later<T>() {
  return Promise.withResolvers<T>();
}

/** attach() is optional on SharedBreakerState; ssmBreakerState always has it. */
function attach(state: SharedBreakerState, dependency: string): void {
  if (state.attach === undefined) throw new Error('ssmBreakerState() always has attach()');
  state.attach(dependency);
}

/** Lets promise callbacks run without moving the fake clock (setImmediate is not faked). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function make(overrides: Partial<SsmBreakerStateOptions>) {
  const lines: { message: string; attributes: Record<string, unknown> }[] = [];
  const log = (message: string, attributes: Record<string, unknown>) =>
    void lines.push({ message, attributes });
  const state = ssmBreakerState({
    parameterName: NAME,
    readTimeoutMs: 100,
    refreshTimeoutMs: 400,
    logger: { warn: log, info: log },
    ...overrides,
  });
  return { state, lines };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ssmBreakerState reads', () => {
  it("asks for the parameter with Powertools' maxAge set to maxAgeSeconds", async () => {
    // Prepare
    const provider = reader();

    // Act
    const { state } = make({ provider, maxAgeSeconds: 7 });
    await state.ready();

    // Assess
    expect(provider.asked).toEqual([[NAME, { maxAge: 7 }]]);
  });

  it('refreshes strictly after maxAgeSeconds, with one GetParameter', async () => {
    // Prepare
    const provider = reader();
    const { state } = make({ provider });
    await state.ready();

    // Act + Assess
    vi.setSystemTime(T0 + 5_000);
    state.current();
    await settle();
    expect(provider.asked).toHaveLength(1);
    vi.setSystemTime(T0 + 5_001);
    state.current();
    await settle();
    expect(provider.asked).toHaveLength(2);
    expect(state.stats()).toMatchObject({ reads: 2, successes: 2 });
  });

  it('resolves ready() as soon as a read fails, without waiting for readTimeoutMs', async () => {
    // Prepare
    let ready = false;

    // Act
    const { state } = make({ provider: reader(() => Promise.reject(new Error('denied'))) });
    void state.ready().then(() => {
      ready = true;
    });
    await settle();

    // Assess
    expect(ready).toBe(true);
    expect(state.stats()).toMatchObject({ failures: 1 });
  });

  it('gives up a read SSM does not answer after refreshTimeoutMs, as a timeout', async () => {
    // Prepare
    const metrics: unknown[][] = [];

    // Act
    const { state, lines } = make({
      provider: reader(() => new Promise(() => undefined)),
      metrics: { addMetric: (...args: unknown[]) => void metrics.push(args) },
    });
    await vi.advanceTimersByTimeAsync(399);
    const before = state.stats().timeouts;
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expect(before).toBe(0);
    expect(state.stats()).toMatchObject({ reads: 1, timeouts: 1, failures: 0 });
    expect(lines[0]?.attributes.error).toBe('Error: no answer from SSM within 400 ms');
    expect(metrics).toEqual([['SharedStateReadTimeout', 'Count', 1]]);
  });

  it('does not count a failure that arrives after its read was given up', async () => {
    // Prepare
    const answer = later<unknown>();
    const { state, lines } = make({ provider: reader(() => answer.promise) });
    await vi.advanceTimersByTimeAsync(400);

    // Act
    answer.reject(new Error('too late'));
    await settle();

    // Assess
    expect(state.stats()).toMatchObject({ timeouts: 1, failures: 0 });
    expect(lines).toHaveLength(1);
  });
});

describe('ssmBreakerState loading the provider', () => {
  it('resolves ready() after refreshTimeoutMs when the provider never loads, as a timeout', async () => {
    // Prepare
    let ready = false;

    // Act
    const { state, lines } = make({ provider: () => new Promise<ParameterReader>(() => undefined) });
    void state.ready().then(() => {
      ready = true;
    });
    await vi.advanceTimersByTimeAsync(399);
    const before = ready;
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expect([before, ready]).toEqual([false, true]);
    expect(state.stats()).toMatchObject({ reads: 1, timeouts: 1 });
    expect(lines[0]?.attributes.error).toBe('Error: the SSM client did not load within 400 ms');
  });

  it('reads at once when the provider loads after its read was given up', async () => {
    // Prepare
    const loaded = later<ParameterReader>();
    const { state } = make({ provider: () => loaded.promise });
    await vi.advanceTimersByTimeAsync(400);

    // Act
    loaded.resolve(reader());
    await settle();

    // Assess
    expect(state.stats()).toMatchObject({ reads: 2, timeouts: 1, successes: 1 });
    expect(state.current()?.state).toBe('open');
  });

  it('starts no extra read when the late provider finds another read already waiting for it', async () => {
    // Prepare: the first read given up at 1 s; a second one starts at 6 s and waits for the same load
    const loaded = later<ParameterReader>();
    const { state } = make({ provider: () => loaded.promise, refreshTimeoutMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    vi.setSystemTime(T0 + 6_001);
    state.current();

    // Act
    loaded.resolve(reader());
    await settle();

    // Assess
    expect(state.stats()).toMatchObject({ reads: 2, timeouts: 1, successes: 1 });
  });

  it('loads again on the next read after a provider function failed', async () => {
    // Prepare
    let built = 0;
    const provider = () => {
      built++;
      if (built === 1) throw new Error('no credentials yet');
      return reader();
    };
    const { state } = make({ provider });
    await state.ready();

    // Act
    vi.setSystemTime(T0 + 5_001);
    state.current();
    await settle();

    // Assess
    expect(built).toBe(2);
    expect(state.current()?.state).toBe('open');
    expect(state.stats()).toMatchObject({ failures: 1, successes: 1 });
  });
});

describe('ssmBreakerState attach', () => {
  it('accepts the same dependency twice and keeps its document', async () => {
    // Prepare
    const { state } = make({ provider: reader() });
    await state.ready();

    // Act
    attach(state, 'edna');
    attach(state, 'edna');

    // Assess
    expect(state.current()?.state).toBe('open');
  });

  it('refuses a second dependency with the whole message', () => {
    // Prepare
    const { state } = make({ provider: reader() });
    attach(state, 'edna');

    // Act + Assess
    expect(() => attach(state, 'payments')).toThrow(
      new TypeError(
        `wrapDependency('payments'): sharedState reads documents for "edna" (${NAME}); give each dependency its own ssmBreakerState`,
      ),
    );
  });

  it('refuses a name that cannot be a dependency with the whole message', () => {
    const { state } = make({ provider: reader() });
    expect(() => attach(state, 'a b')).toThrow(
      new TypeError(
        'ssmBreakerState: dependency must be 1-128 characters of A-Z a-z 0-9 _ . - starting with a letter, digit or _, got "a b"',
      ),
    );
  });

  it('drops a document already read for another dependency, saying so, and keeps nothing', async () => {
    // Prepare
    const { state, lines } = make({ provider: reader(() => Promise.resolve(doc('open', 'payments'))) });
    await state.ready();

    // Act
    attach(state, 'edna');

    // Assess
    expect(state.current()).toBeUndefined();
    expect(lines).toEqual([
      {
        message: 'Shared breaker state document refused; it is ignored',
        attributes: {
          parameterName: NAME,
          problem: 'invalid',
          detail: '"dependency" is "payments", expected "edna" (a document for another dependency)',
          keeping: 'nothing',
        },
      },
    ]);
    expect(state.stats()).toMatchObject({ invalidDocuments: 1 });
  });
});
