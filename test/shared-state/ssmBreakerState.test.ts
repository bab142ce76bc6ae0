// ssmBreakerState against the real AWS SDK and Powertools parameters, answered by the SSM emulator.
// Only Date is faked (Powertools' cache and our refresh gate read it); the read bounds run on real timers.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { ssmBreakerState } from '@bulwark/policies';
import { ssmEmulator, useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { breakerDoc, eventually, recordingLogger, ssmClient } from './support.js';

const ssm = ssmEmulator();
const server = useMswServer(...ssm.handlers);
const NAME = '/bulwark/breakers/edna';

beforeEach(() => {
  ssm.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T10:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function advance(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

function make(overrides: Partial<Parameters<typeof ssmBreakerState>[0]> = {}) {
  const logger = recordingLogger();
  const state = ssmBreakerState({
    parameterName: NAME,
    maxAgeSeconds: 5,
    readTimeoutMs: 100,
    refreshTimeoutMs: 400,
    client: ssmClient(),
    logger,
    ...overrides,
  });
  return { state, logger };
}

describe('ssmBreakerState: reads', () => {
  it('hydrates from the document on the first ready() with one GetParameter', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    const { state } = make();

    // Act
    await state.ready();

    // Assess
    expect(state.current()?.state).toBe('open');
    expect(ssm.calls.GetParameter).toBe(1);
  });

  it('costs one GetParameter for any number of calls within maxAgeSeconds', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    const { state } = make();
    await state.ready();

    // Act
    for (let i = 0; i < 500; i++) {
      advance(9); // 4.5 s in all, inside the 5 s max age
      state.current();
    }

    // Assess
    expect(ssm.calls.GetParameter).toBe(1);
  });

  it('refreshes once in the background after maxAgeSeconds, however many calls arrive meanwhile', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    const { state } = make();
    await state.ready();
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    ssm.setLatency(30);

    // Act
    advance(5001);
    const during = Array.from({ length: 50 }, () => state.current()?.state);

    // Assess: the calls were answered at once from the last value, and shared one read
    expect(new Set(during)).toEqual(new Set(['open']));
    await eventually(() => expect(state.current()?.state).toBe('closed'));
    expect(ssm.calls.GetParameter).toBe(2);
  });

  it('does not see a new document before maxAgeSeconds (the Powertools cache holds)', async () => {
    ssm.put(NAME, breakerDoc('edna', 'open'));
    const { state } = make();
    await state.ready();
    ssm.put(NAME, breakerDoc('edna', 'closed'));

    advance(4999);
    state.current();
    await new Promise((r) => setTimeout(r, 20));

    expect(state.current()?.state).toBe('open');
    expect(ssm.calls.GetParameter).toBe(1);
  });

  it('treats a missing parameter as no fleet opinion, without a warning', async () => {
    const { state, logger } = make();

    await state.ready();

    expect(state.current()).toBeUndefined();
    expect(state.stats()).toMatchObject({ notFound: 1, failures: 0 });
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('lets current() start the first read when ready() was never awaited', async () => {
    ssm.put(NAME, breakerDoc('edna', 'forced-open'));
    const { state } = make();

    expect(state.current()).toBeUndefined();

    await eventually(() => expect(state.current()?.state).toBe('forced-open'));
    expect(ssm.calls.GetParameter).toBe(1);
  });

  it('refuses a document naming another dependency when `dependency` is set', async () => {
    ssm.put(NAME, breakerDoc('billing', 'open'));
    const { state } = make({ dependency: 'edna' });

    await state.ready();

    expect(state.current()).toBeUndefined();
    expect(state.stats().invalidDocuments).toBe(1);
  });
});

describe('ssmBreakerState: SSM failures are fail-static', () => {
  const garbage = [
    ['not JSON', '{"version":1,'],
    ['an unknown version', JSON.stringify({ ...JSON.parse(breakerDoc('edna', 'open')), version: 2 })],
    ["cockatiel's isolated state", breakerDoc('edna', 'open').replace('"open"', '"isolated"')],
  ] as const;

  it.each([
    ['throttled', () => ssm.throttleNext(1), 'failures'],
    ['a 500', () => ssm.failNext(1, 500), 'failures'],
    ['a 503', () => ssm.failNext(1, 503), 'failures'],
    ...garbage.map(([label, text]) => [label, () => ssm.put(NAME, text), 'invalidDocuments'] as const),
  ] as const)(
    '%s on the first read: undefined (the local breaker decides), counted and logged',
    async (_l, fault, counter) => {
      // Prepare
      if (counter === 'failures') ssm.put(NAME, breakerDoc('edna', 'open'));
      fault();
      const { state, logger } = make();

      // Act
      await state.ready();

      // Assess
      expect(state.current()).toBeUndefined();
      expect(state.stats()[counter]).toBe(1);
      expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    },
  );

  it.each([
    ['throttled', () => ssm.throttleNext(1)],
    ['a 500', () => ssm.failNext(1)],
    ['garbage', () => ssm.put(NAME, 'garbage')],
  ] as const)('%s on a refresh: keeps the last good document', async (_l, fault) => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    const { state } = make();
    await state.ready();
    fault();

    // Act
    advance(5001);
    state.current();
    await eventually(() => expect(ssm.calls.GetParameter).toBe(2));
    await new Promise((r) => setTimeout(r, 10));

    // Assess
    expect(state.current()?.state).toBe('open');
  });

  it('bounds the first read by readTimeoutMs when SSM hangs, and reads again later', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    ssm.hangNext(1);
    const { state } = make({ readTimeoutMs: 50, refreshTimeoutMs: 1000 });

    // Act
    const started = performance.now();
    await state.ready();
    const waited = performance.now() - started;

    // Assess
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(600); // unbounded, it would wait the 1 s refreshTimeoutMs
    expect(state.current()).toBeUndefined();
    // The hung read is given up after refreshTimeoutMs; the next one (after maxAge) succeeds.
    await eventually(() => expect(state.stats().timeouts).toBe(1));
    advance(5001);
    state.current();
    await eventually(() => expect(state.current()?.state).toBe('open'));
  });

  it('adopts a slow first answer that arrives after readTimeoutMs', async () => {
    ssm.put(NAME, breakerDoc('edna', 'open'));
    ssm.setLatency(120);
    const { state } = make({ readTimeoutMs: 30 });

    await state.ready();
    expect(state.current()).toBeUndefined();

    await eventually(() => expect(state.current()?.state).toBe('open'));
    expect(ssm.calls.GetParameter).toBe(1);
  });

  it('backs off after failures instead of hammering a throttled SSM', async () => {
    // Prepare
    ssm.throttleNext(1000);
    const { state } = make({ maxAgeSeconds: 1, maxBackoffSeconds: 8 });
    await state.ready();

    // Act: 30 s of busy traffic, one call every 100 ms
    for (let i = 0; i < 300; i++) {
      advance(100);
      state.current();
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 20));

    // Assess: 1 + reads at +1, +2, +4, +8, +8, +8 s ... about 6 in 30 s, not 30
    expect(ssm.calls.GetParameter).toBeGreaterThanOrEqual(4);
    expect(ssm.calls.GetParameter).toBeLessThanOrEqual(8);
  });

  it('logs a failing SSM once per logIntervalSeconds, with the count of what it held back', async () => {
    // Prepare
    ssm.throttleNext(1000);
    const { state, logger } = make({ maxAgeSeconds: 1, maxBackoffSeconds: 1, logIntervalSeconds: 60 });
    await state.ready();

    // Act: 59 more failed reads, one a second
    for (let i = 0; i < 59; i++) {
      advance(1001);
      state.current();
      await eventually(() => expect(state.stats().failures).toBe(i + 2));
    }
    const within = logger.lines.filter((l) => l.level === 'warn').length;
    advance(2000);
    state.current();
    await eventually(() => expect(state.stats().failures).toBe(61));

    // Assess
    expect(within).toBe(1);
    const warns = logger.lines.filter((l) => l.level === 'warn');
    expect(warns).toHaveLength(2);
    expect(warns[1]?.attributes).toMatchObject({ suppressedSinceLastLog: 59 });
    expect(String(warns[0]?.attributes.error)).toMatch(/ThrottlingException/);
  });

  it('drops the last good document after staleAfterSeconds without a successful read', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    const { state } = make({ staleAfterSeconds: 30, maxBackoffSeconds: 5 });
    await state.ready();
    ssm.failNext(1000);

    // Act
    advance(29_000);
    const before = state.current()?.state;
    advance(1_001);

    // Assess
    expect(before).toBe('open');
    expect(state.current()).toBeUndefined();
  });

  it('never throws from current() or rejects ready(), even with a throwing logger', async () => {
    ssm.throttleNext(5);
    const state = ssmBreakerState({
      parameterName: NAME,
      client: ssmClient(),
      readTimeoutMs: 100,
      logger: {
        warn: () => {
          throw new Error('logger down');
        },
        info: () => {
          throw new Error('logger down');
        },
      },
    });

    await expect(state.ready()).resolves.toBeUndefined();
    expect(() => state.current()).not.toThrow();
  });

  it('reports an AccessDeniedException like any other failure', async () => {
    server.use(
      http.post('https://ssm.us-east-1.amazonaws.com/', () =>
        HttpResponse.json(
          { __type: 'AccessDeniedException', message: 'not authorized to perform: ssm:GetParameter' },
          { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } },
        ),
      ),
    );
    const { state, logger } = make();

    await state.ready();

    expect(state.current()).toBeUndefined();
    expect(String(logger.lines[0]?.attributes.error)).toMatch(/AccessDeniedException/);
  });

  it('reads through a provider the caller shares, using its cache', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    const provider = new SSMProvider({ awsSdkV3Client: ssmClient() });
    await provider.get(NAME, { maxAge: 5 });
    const state = ssmBreakerState({ parameterName: NAME, provider, logger: recordingLogger() });

    await state.ready();

    expect(state.current()?.state).toBe('closed');
    expect(ssm.calls.GetParameter).toBe(1);
  });
});

describe('ssmBreakerState: options', () => {
  it.each([
    [{ parameterName: '' }, /parameterName must be an SSM parameter name/],
    [{ parameterName: 'has space' }, /parameterName .*got "has space"/],
    [{ parameterName: NAME, maxAgeSeconds: 0 }, /maxAgeSeconds .*got 0/],
    [{ parameterName: NAME, readTimeoutMs: -1 }, /readTimeoutMs .*got -1/],
    [{ parameterName: NAME, readTimeoutMs: Number.NaN }, /readTimeoutMs .*got NaN/],
    [
      { parameterName: NAME, readTimeoutMs: 500, refreshTimeoutMs: 100 },
      /refreshTimeoutMs must be >= readTimeoutMs/,
    ],
    [
      { parameterName: NAME, staleAfterSeconds: Number.POSITIVE_INFINITY },
      /staleAfterSeconds .*got Infinity/,
    ],
    [
      { parameterName: NAME, client: ssmClient(), provider: new SSMProvider() },
      /give provider or client, not both/,
    ],
    [{ parameterName: NAME, dependency: '' }, /dependency must be 1-128 characters/],
  ])('throws a TypeError naming the field for %o', (options, message) => {
    expect(() => ssmBreakerState(options)).toThrow(TypeError);
    expect(() => ssmBreakerState(options)).toThrow(message);
  });
});
