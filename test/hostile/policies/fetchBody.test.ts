// Item 1: a successful fetch must be bounded as a whole, body included. A server that answers 200 and
// then stalls the body (real socket) must not hold `(await dep.fetch(url)).text()` past totalMs, the
// caller's signal or the deadline; with `bufferBody` the stalled body is an attempt timeout and is retried.
import { isTransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { faults, startFaultServer, startMswServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

const HUNG = Symbol('hung');
const within = <T>(promise: Promise<T>, ms: number): Promise<T | typeof HUNG> =>
  Promise.race([promise, new Promise<typeof HUNG>((resolve) => setTimeout(() => resolve(HUNG), ms))]);
const settle = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => error,
  );

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function stallingServer(script: Parameters<typeof startFaultServer>[0] = ['stall-after-headers']) {
  const server = await startFaultServer(script);
  closers.push(() => server.close());
  return server;
}

describe('fetch: the body is bounded by the call', () => {
  it('a body stalled after the headers errors with a timeout TransientError when totalMs runs out', async () => {
    // Prepare
    const server = await stallingServer();
    // attemptMs leaves a loaded machine (a mutation run) time for the headers: only the body stalls.
    const dep = wrapDependency('edna', {
      timeout: { attemptMs: 1_000, totalMs: 1_500 },
      retry: false,
      logger: false,
    });
    const started = Date.now();

    // Act
    const response = await dep.fetch(server.url);
    const outcome = await within(settle(response.text()), 4_000);

    // Assess
    expect(response.status).toBe(200);
    expect(outcome).not.toBe(HUNG);
    expect(isTransientError(outcome)).toBe(true);
    expect(outcome).toMatchObject({
      message: 'edna: total timeout of 1500 ms reached while the response body was read',
      reason: 'timeout',
      code: 'ETIMEDOUT',
      dependency: 'edna',
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 10_000);

  it('the docs pattern (await dep.fetch(url)).json() ends too', async () => {
    const server = await stallingServer();
    const dep = wrapDependency('edna', {
      timeout: { attemptMs: 200, totalMs: 400 },
      retry: false,
      logger: false,
    });

    const outcome = await within(settle(dep.fetch(server.url).then((r) => (r as Response).json())), 3_000);

    expect(isTransientError(outcome)).toBe(true);
  }, 10_000);

  it("the caller's signal ends a body read", async () => {
    const server = await stallingServer();
    const dep = wrapDependency('edna', { timeout: { attemptMs: 5_000, totalMs: 10_000 }, logger: false });
    const controller = new AbortController();
    const response = (await dep.fetch(server.url, { signal: controller.signal })) as Response;

    setTimeout(() => controller.abort(new Error('caller gave up')), 100);
    const outcome = await within(settle(response.text()), 3_000);

    expect(outcome).not.toBe(HUNG);
    expect((outcome as Error).message).toBe('caller gave up');
  }, 10_000);

  it('a Lambda deadline ends a body read', async () => {
    const server = await stallingServer();
    const end = Date.now() + 400;
    const dep = wrapDependency('edna', {
      timeout: { attemptMs: 5_000, totalMs: 10_000 },
      deadline: { getRemainingTimeInMillis: () => end - Date.now() },
      logger: false,
    });

    const response = (await dep.fetch(server.url)) as Response;
    const outcome = await within(settle(response.text()), 3_000);

    expect(isTransientError(outcome)).toBe(true);
    expect(outcome).toMatchObject({
      message: 'edna: the deadline reached while the response body was read',
      reason: 'timeout',
      code: 'ETIMEDOUT',
    });
  }, 10_000);

  it('a slow body (msw faults.slowBody) is cut at totalMs', async () => {
    const msw = startMswServer(faults.slowBody('https://edna.test/report', { chunks: 6, intervalMs: 300 }));
    closers.push(() => msw.close());
    const dep = wrapDependency('edna', {
      timeout: { attemptMs: 300, totalMs: 600 },
      retry: false,
      logger: false,
    });

    const response = (await dep.fetch('https://edna.test/report')) as Response;
    const outcome = await within(settle(response.text()), 4_000);

    expect(isTransientError(outcome)).toBe(true);
  }, 10_000);

  it('a body that arrives in time is read whole, and its status and url are kept', async () => {
    const server = await stallingServer([{ status: 201, body: { ok: true } }]);
    const dep = wrapDependency('edna', { timeout: { attemptMs: 500, totalMs: 1_000 }, logger: false });

    const response = (await dep.fetch(`${server.url}/orders`)) as Response;

    expect(response.status).toBe(201);
    expect(response.url).toBe(`${server.url}/orders`);
    expect(await response.json()).toEqual({ ok: true });
  }, 10_000);

  it('a body that arrived in time can be read after the call is over (fetch both, then read both)', async () => {
    // Prepare
    const server = await stallingServer([{ status: 200, body: { ok: 1 } }]);
    const dep = wrapDependency('edna', {
      timeout: { attemptMs: 200, totalMs: 300 },
      retry: false,
      logger: false,
    });

    // Act: the common Promise.all pattern reads each body once every call has answered
    const response = (await dep.fetch(server.url)) as Response;
    await new Promise((resolve) => setTimeout(resolve, 600));

    // Assess
    expect(await response.json()).toEqual({ ok: 1 });
  }, 10_000);

  it('with bufferBody, a stalled body is an attempt timeout and the call is retried', async () => {
    // Prepare
    const server = await stallingServer(['stall-after-headers', { status: 200, body: 'second' }]);
    const dep = wrapDependency('edna', {
      timeout: { attemptMs: 200, totalMs: 3_000 },
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 10, maxDelayMs: 10 } },
      logger: false,
    });

    // Act
    const response = (await within(
      dep.fetch(server.url, undefined, { bufferBody: true }),
      3_000,
    )) as Response;

    // Assess
    expect(await response.text()).toBe('second');
    expect(server.hits).toBe(2);
    expect(dep.stats().timeouts).toBe(1);
  }, 10_000);
});
