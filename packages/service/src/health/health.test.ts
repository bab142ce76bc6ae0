// Readiness, liveness and startup as a probe sees them, from real wrapDependency breakers (local and fleet).
import { TransientError } from '@bulwark/errors';
import { type BreakerStateDocument, wrapDependency } from '@bulwark/policies';
import { describe, expect, it, vi } from 'vitest';
import { createService } from '../createService.js';
import type { ServiceLogger } from '../options/ServiceLogger.js';

const quietLogger: ServiceLogger = { info() {}, warn() {}, error() {} };
const quiet = { logger: quietLogger, shutdown: { signals: [] } } as const;
const fail = () => Promise.reject(new TransientError('upstream answered 503: {"secret":"s3cr3t"}'));

/** A dependency whose breaker opens on its first failure and stays open for a minute. */
const fragile = (name: string) =>
  wrapDependency(name, { logger: false, retry: false, breaker: { threshold: 1, halfOpenAfterMs: 60_000 } });

/** An in-memory fleet state, as the probe would have written it. */
function fleetState() {
  let doc: BreakerStateDocument | undefined;
  return {
    set(state: BreakerStateDocument['state'] | undefined) {
      const now = new Date().toISOString();
      doc =
        state === undefined
          ? undefined
          : {
              version: 1,
              dependency: 'payments',
              state,
              since: now,
              retryAt: new Date(Date.now() + 60_000).toISOString(),
              writtenBy: { kind: 'operator', id: 'test' },
              updatedAt: now,
            };
    },
    current: () => doc,
    ready: () => Promise.resolve(),
  };
}

async function started(options = {}) {
  const service = createService({ ...quiet, ...options });
  return service;
}

describe('readiness', () => {
  it('answers 503 while starting, then 200 ok once started', async () => {
    // Prepare
    const service = await started();
    service.dependency(fragile('payments'));
    // Act
    const before = await service.probe('GET', '/health/ready');
    await service.start();
    const after = await service.probe('GET', '/health/ready');
    // Assess
    expect(before?.status).toBe(503);
    expect(JSON.parse(before?.body ?? '')).toMatchObject({ status: 'fail', phase: 'starting' });
    expect(after?.status).toBe(200);
    expect(JSON.parse(after?.body ?? '')).toEqual({
      status: 'ok',
      phase: 'running',
      dependencies: [{ name: 'payments', critical: true, state: 'closed', inFlight: 0 }],
      checks: [],
    });
  });

  it('flips to 503 when a critical breaker opens, and lists its state without the upstream body', async () => {
    // Prepare
    const service = await started();
    const payments = service.dependency(fragile('payments'), { critical: true });
    await service.start();
    // Act
    await payments.execute(fail).catch(() => undefined);
    const answer = await service.probe('GET', '/health/ready');
    // Assess
    expect(payments.state).toBe('open');
    expect(answer?.status).toBe(503);
    expect(answer?.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer?.body ?? '')).toMatchObject({
      status: 'fail',
      dependencies: [{ name: 'payments', critical: true, state: 'open' }],
    });
    expect(answer?.body).not.toContain('s3cr3t');
    expect(answer?.body).not.toContain('503:');
  });

  it('comes back to 200 when the local breaker half-opens and closes again', async () => {
    // Prepare
    vi.useFakeTimers();
    const service = await started();
    const payments = service.dependency(
      wrapDependency('payments', {
        logger: false,
        retry: false,
        breaker: { threshold: 1, halfOpenAfterMs: 1_000 },
      }),
    );
    await service.start();
    // Act
    await payments.execute(fail).catch(() => undefined);
    const open = await service.readiness();
    await vi.advanceTimersByTimeAsync(1_000);
    const halfOpen = await service.readiness();
    await payments.execute(async () => 'ok');
    const closed = await service.readiness();
    vi.useRealTimers();
    // Assess
    expect(open).toMatchObject({ status: 'fail', dependencies: [{ state: 'open' }] });
    expect(halfOpen).toMatchObject({ status: 'degraded', dependencies: [{ state: 'half-open' }] });
    expect(closed).toMatchObject({ status: 'ok', dependencies: [{ state: 'closed' }] });
  });

  it('stays 200 with degraded when only an optional breaker is open', async () => {
    // Prepare
    const service = await started();
    service.dependency(fragile('payments'));
    const recommendations = service.dependency(fragile('recommendations'), { critical: false });
    await service.start();
    // Act
    await recommendations.execute(fail).catch(() => undefined);
    const answer = await service.probe('GET', '/health/ready');
    // Assess
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer?.body ?? '')).toMatchObject({
      status: 'degraded',
      dependencies: [
        { name: 'payments', state: 'closed' },
        { name: 'recommendations', critical: false, state: 'open' },
      ],
    });
  });

  it('flips to 503 for an isolated critical breaker and back to 200 once released', async () => {
    // Prepare
    const service = await started();
    const payments = service.dependency(fragile('payments'));
    await service.start();
    // Act
    const handle = payments.isolate();
    const isolated = await service.readiness();
    handle.dispose();
    const released = await service.readiness();
    // Assess
    expect(isolated).toMatchObject({ status: 'fail', dependencies: [{ state: 'isolated' }] });
    expect(released.status).toBe('ok');
  });

  it.each(['open', 'forced-open'] as const)(
    'flips to 503 when the fleet state is %s, and back when the fleet closes',
    async (state) => {
      // Prepare
      const fleet = fleetState();
      const service = await started();
      const payments = service.dependency(wrapDependency('payments', { logger: false, sharedState: fleet }));
      await service.start();
      // Until policies has ready(), the fleet state is read from a dependency's first call on.
      await payments.execute(async () => 'warm');
      // Act
      fleet.set(state);
      const open = await service.readiness();
      fleet.set('closed');
      const closed = await service.readiness();
      // Assess
      expect(open).toMatchObject({ status: 'fail', dependencies: [{ state: 'open' }] });
      expect(closed.status).toBe('ok');
    },
  );

  it('fails on a critical check, degrades on an optional one, and never shows the error message', async () => {
    // Prepare
    const service = await started({ health: { checkTimeoutMs: 50 } });
    let database: 'up' | 'down' = 'up';
    service.check('postgres', () => {
      if (database === 'down') throw new Error('connect ECONNREFUSED postgres://admin:hunter2@db:5432');
    });
    service.check('cache', () => new Promise(() => {}), { critical: false });
    await service.start();
    // Act
    const degraded = await service.probe('GET', '/health/ready');
    database = 'down';
    const failed = await service.probe('GET', '/health/ready');
    // Assess
    expect(degraded?.status).toBe(200);
    expect(JSON.parse(degraded?.body ?? '').checks).toEqual([
      { name: 'postgres', critical: true, ok: true },
      { name: 'cache', critical: false, ok: false, error: 'timeout' },
    ]);
    expect(failed?.status).toBe(503);
    expect(JSON.parse(failed?.body ?? '').checks[0]).toEqual({
      name: 'postgres',
      critical: true,
      ok: false,
      error: 'Error',
    });
    expect(failed?.body).not.toContain('hunter2');
  });

  it('answers only the status when details are off', async () => {
    // Prepare
    const service = await started({ health: { details: false } });
    service.dependency(fragile('payments'));
    await service.start();
    // Act
    const answer = await service.probe('GET', '/health/ready');
    // Assess
    expect(answer?.body).toBe('{"status":"ok"}');
  });
});

describe('liveness', () => {
  it('stays 200 while a critical breaker is open: a restart does not fix a dependency', async () => {
    // Prepare
    const service = await started();
    const payments = service.dependency(fragile('payments'));
    await service.start();
    await payments.execute(fail).catch(() => undefined);
    // Act
    const answer = await service.probe('GET', '/health/live');
    // Assess
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer?.body ?? '')).toMatchObject({ status: 'ok', dependencies: [] });
  });

  it('fails on a failing liveness check', async () => {
    // Prepare
    const service = await started();
    service.check('event loop', () => false, { probe: 'liveness' });
    // Act
    const answer = await service.probe('GET', '/health/live');
    // Assess
    expect(answer?.status).toBe(503);
    expect(JSON.parse(answer?.body ?? '').checks).toEqual([
      { name: 'event loop', critical: true, ok: false, error: 'returned false' },
    ]);
  });
});

describe('startup', () => {
  it("waits for every critical dependency's ready() and the startup checks", async () => {
    // Prepare
    const service = await started();
    let release: () => void = () => {};
    const shared = { name: 'payments', state: 'closed', stats: () => ({ inFlight: 0 }) };
    const critical = { ...shared, ready: () => new Promise<void>((r) => (release = r)) };
    const optional = { ...shared, name: 'search', ready: () => new Promise<void>(() => {}) };
    service.dependency(critical);
    service.dependency(optional, { critical: false });
    let migrated = false;
    service.check('migrations', () => migrated, { probe: 'startup' });
    // Act
    const starting = service.start();
    const beforeReady = await service.probe('GET', '/health/startup');
    release();
    await starting;
    const beforeCheck = await service.probe('GET', '/health/startup');
    migrated = true;
    const after = await service.probe('GET', '/health/startup');
    // Assess
    expect(beforeReady?.status).toBe(503);
    expect(beforeCheck?.status).toBe(503);
    expect(after?.status).toBe(200);
    expect(service.phase).toBe('running');
  });

  it('starts on the local breaker when ready() rejects, and logs why', async () => {
    // Prepare
    const warnings: unknown[] = [];
    const service = createService({
      shutdown: { signals: [] },
      logger: { ...quietLogger, warn: (...args) => warnings.push(args) },
    });
    service.dependency({
      name: 'payments',
      state: 'closed',
      stats: () => ({ inFlight: 0 }),
      ready: () => Promise.reject(new Error('ssm down')),
    });
    // Act
    await service.start();
    // Assess
    expect(service.phase).toBe('running');
    expect(JSON.stringify(warnings)).toContain('payments');
  });
});

describe('probe routing', () => {
  it.each([
    ['POST', '/health/ready'],
    ['GET', '/orders'],
    ['GET', '/health/ready/'],
  ])('%s %s is left to the app', async (method, path) => {
    // Prepare
    const service = await started();
    // Act
    const answer = await service.probe(method, path);
    // Assess
    expect(answer).toBeUndefined();
  });

  it('answers HEAD with the status and no body', async () => {
    // Prepare
    const service = await started();
    await service.start();
    // Act
    const answer = await service.probe('HEAD', '/health/ready');
    // Assess
    expect(answer).toMatchObject({ status: 200, body: '' });
  });
});
