// wrapDependency + ssmBreakerState end to end: the real AWS SDK and Powertools read the emulator, the calls go
// to a real HTTP server on 127.0.0.1 that counts what reaches it. Only Date is faked, to step past maxAge.
import { isDependencyDownError } from '@bulwark/errors';
import { type SsmBreakerStateOptions, ssmBreakerState, wrapDependency } from '@bulwark/policies';
import { ssmEmulator, useMswServer } from '@bulwark/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  breakerDoc,
  eventually,
  type LocalDependency,
  recordingLogger,
  ssmClient,
  startLocalDependency,
} from './support.js';

const ssm = ssmEmulator();
useMswServer(...ssm.handlers);
const NAME = '/bulwark/breakers/edna';

let edna: LocalDependency;
beforeAll(async () => {
  edna = await startLocalDependency();
});
afterAll(() => edna.close());
beforeEach(() => {
  ssm.reset();
  edna.hits.clear();
  edna.setUp(true);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T10:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function instance(shared: Partial<SsmBreakerStateOptions> = {}) {
  const sharedState = ssmBreakerState({
    parameterName: NAME,
    maxAgeSeconds: 5,
    readTimeoutMs: 100,
    refreshTimeoutMs: 400,
    client: ssmClient(),
    logger: recordingLogger(),
    ...shared,
  });
  const dependency = wrapDependency('edna', {
    sharedState,
    retry: false,
    breaker: { threshold: 2, halfOpenAfterMs: 60_000 },
    timeout: { attemptMs: 1000, totalMs: 2000 },
    logger: false,
  });
  const call = () => dependency.fetch(`${edna.url}/api`);
  return { sharedState, dependency, call };
}

async function outcome(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (value) => value,
    (error: unknown) => error,
  );
}

describe('hydration from the fleet document', () => {
  it.each(['open', 'forced-open'] as const)(
    'a fresh instance fails fast on %s and the dependency sees no request',
    async (state) => {
      // Prepare
      ssm.put(NAME, breakerDoc('edna', state));
      const { call } = instance();

      // Act
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await outcome(call()));

      // Assess
      for (const r of results) {
        expect(isDependencyDownError(r)).toBe(true);
        expect(r).toMatchObject({ reason: 'circuit-open' });
      }
      expect(edna.total()).toBe(0);
    },
  );

  it('carries the retryAt of the document as the error retryAfterMs', async () => {
    ssm.put(NAME, breakerDoc('edna', 'open', { retryAt: new Date(Date.now() + 42_000).toISOString() }));
    const { call } = instance();

    const error = await outcome(call());

    expect(error).toMatchObject({ retryAfterMs: 42_000 });
  });

  it('forced-closed lets calls through although the local breaker had opened', async () => {
    // Prepare: the local breaker opens on two 503s
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    const { call, dependency, sharedState } = instance();
    edna.setUp(false);
    await outcome(call());
    await outcome(call());
    expect(dependency.state).toBe('open');
    const refused = await outcome(call());
    expect(isDependencyDownError(refused)).toBe(true);
    expect(edna.total('/api')).toBe(2);

    // Act: an operator forces closed; the instance reads it after maxAge
    ssm.put(NAME, breakerDoc('edna', 'forced-closed'));
    edna.setUp(true);
    vi.setSystemTime(Date.now() + 5_001);
    sharedState.current();
    await eventually(() => expect(sharedState.current()?.state).toBe('forced-closed'));
    const response = await call();

    // Assess
    expect((response as Response).status).toBe(200);
    expect(edna.total('/api')).toBe(3);
  });

  it('closed leaves the decision to the local breaker', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    const { call } = instance();
    edna.setUp(false);

    for (let i = 0; i < 5; i++) await outcome(call());

    // two 503s opened it locally; the other three failed fast
    expect(edna.total('/api')).toBe(2);
  });

  it('resumes calls within one maxAgeSeconds of the probe writing closed', async () => {
    ssm.put(NAME, breakerDoc('edna', 'open'));
    const { call, sharedState } = instance();
    await outcome(call());
    ssm.put(NAME, breakerDoc('edna', 'closed'));

    vi.setSystemTime(Date.now() + 4_000);
    await outcome(call());
    await new Promise((r) => setTimeout(r, 20));
    expect(isDependencyDownError(await outcome(call()))).toBe(true);

    vi.setSystemTime(Date.now() + 1_001);
    sharedState.current();
    await eventually(() => expect(sharedState.current()?.state).toBe('closed'));
    expect(((await call()) as Response).status).toBe(200);
  });
});

describe('caching', () => {
  it('N calls within maxAgeSeconds cost one GetParameter', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    const { call } = instance();

    for (let i = 0; i < 40; i++) {
      vi.setSystemTime(Date.now() + 100); // 4 s in all
      await call();
    }

    expect(edna.total('/api')).toBe(40);
    expect(ssm.calls.GetParameter).toBe(1);
  });
});

describe('SSM faults: calls proceed on the local breaker', () => {
  it.each([
    ['throttled', () => ssm.throttleNext(100)],
    ['a 500', () => ssm.failNext(100, 500)],
    ['a garbage document', () => ssm.put(NAME, '{"version":1,"state":"open"')],
    ['an isolated document', () => ssm.put(NAME, breakerDoc('edna', 'open').replace('"open"', '"isolated"'))],
    ['no parameter', () => undefined],
  ])('%s: calls reach the dependency, and its breaker still opens locally', async (_label, fault) => {
    // Prepare
    fault();
    const { call, dependency } = instance();

    // Act
    const first = await call();
    edna.setUp(false);
    for (let i = 0; i < 4; i++) await outcome(call());

    // Assess
    expect((first as Response).status).toBe(200);
    expect(edna.total('/api')).toBe(3);
    expect(dependency.state).toBe('open');
  });

  it('a hanging SSM delays only the first call, by at most readTimeoutMs', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));
    ssm.hangNext(1);
    // A read bound well above a local call's time, so that "waited for it" and "did not" stay apart on a
    // loaded machine (at 80 ms a slow second HTTP call under load read as waiting).
    const { call } = instance({ readTimeoutMs: 400, refreshTimeoutMs: 4000 });

    // Act
    const t0 = performance.now();
    const first = await call();
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    const second = await call();
    const secondMs = performance.now() - t1;

    // Assess: the first call waited for the read bound, then went on with the local breaker
    expect((first as Response).status).toBe(200);
    expect((second as Response).status).toBe(200);
    expect(firstMs).toBeGreaterThanOrEqual(395);
    expect(firstMs).toBeLessThan(3000); // unbounded, it would wait the 4 s refreshTimeoutMs
    expect(secondMs).toBeLessThan(firstMs);
    expect(edna.total('/api')).toBe(2);
  });

  it('a slow SSM (latency above readTimeoutMs) delays only the first call', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    ssm.setLatency(2000);
    const { call } = instance({ readTimeoutMs: 50, refreshTimeoutMs: 3000 });

    const t0 = performance.now();
    await call();
    const firstMs = performance.now() - t0;

    expect(firstMs).toBeGreaterThanOrEqual(45);
    expect(firstMs).toBeLessThan(1000); // SSM answers only after 2 s
    expect(edna.total('/api')).toBe(1);
  });
});
