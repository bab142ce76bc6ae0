// wrapDependency over real HTTP: msw fault handlers from @bulwark/testing for status scripts, and the
// kit's real 127.0.0.1 fault server for socket faults. Real time, with short timeouts.
import { isDependencyDownError, PermanentError, type TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, faults, startFaultServer, useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

const server = useMswServer();
const URL_ = 'https://edna.test/orders';
const fast = { initialDelayMs: 5, maxDelayMs: 20 } as const;

let faultServer: FaultServer | undefined;
afterEach(async () => {
  await faultServer?.close();
  faultServer = undefined;
});

describe('wrapDependency.fetch over HTTP', () => {
  it('503, 503, 200: succeeds on the third attempt', async () => {
    // Prepare
    const edna = faults.sequence(URL_, [503, 503, 200]);
    server.use(edna);
    const dep = wrapDependency('edna', { logger: false, retry: { backoff: fast } });
    // Act
    const res = await dep.fetch(URL_);
    // Assess
    expect(res.status).toBe(200);
    expect(edna.calls).toBe(3);
  });

  it('400: one attempt, thrown as PermanentError with the status, breaker untouched', async () => {
    // Prepare
    const edna = faults.status(URL_, 400, { body: { error: 'bad order id' } });
    server.use(edna);
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { backoff: fast },
      breaker: { threshold: 1 },
    });
    // Act
    const error = await dep.fetch(URL_).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ status: 400, reason: 'bad-request', dependency: 'edna' });
    expect((error as Error).message).toBe('edna: GET https://edna.test/orders answered 400');
    expect(edna.calls).toBe(1);
    expect(dep.state).toBe('closed');
  });

  it('429 with Retry-After: 1: the retry waits a second', async () => {
    // Prepare
    const edna = faults.sequence(URL_, [{ status: 429, retryAfter: 1 }, 200]);
    server.use(edna);
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { backoff: { initialDelayMs: 5, maxDelayMs: 2_000 } },
    });
    const delays: number[] = [];
    dep.onRetry((e) => delays.push(e.delayMs));
    const started = performance.now();
    // Act
    const res = await dep.fetch(URL_);
    // Assess
    expect(res.status).toBe(200);
    expect(delays).toEqual([1_000]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('a hung attempt times out and the next attempt runs (msw hang)', async () => {
    // Prepare
    const edna = faults.sequence(URL_, ['hang', 200]);
    server.use(edna);
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 100, totalMs: 2_000 },
      retry: { backoff: fast },
    });
    const timeouts: string[] = [];
    dep.onTimeout((e) => timeouts.push(`${e.kind}@${e.attempt}`));
    // Act
    const res = await dep.fetch(URL_);
    // Assess
    expect(res.status).toBe(200);
    expect(edna.calls).toBe(2);
    expect(timeouts).toEqual(['attempt@1']);
  });

  it('N failures open the breaker; the dependency is not called again until half-open', async () => {
    // Prepare
    const down = faults.status(URL_, 503);
    server.use(down);
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      breaker: { kind: 'consecutive', threshold: 3, halfOpenAfterMs: 200 },
    });
    // Act
    for (let i = 0; i < 3; i++) await dep.fetch(URL_).catch(() => undefined);
    const refused = await dep.fetch(URL_).catch((e: unknown) => e);
    const callsWhileOpen = down.calls;
    await new Promise((r) => setTimeout(r, 210));
    const up = faults.status(URL_, 200);
    server.use(up);
    const probe = await dep.fetch(URL_);
    // Assess
    expect(callsWhileOpen).toBe(3);
    expect(isDependencyDownError(refused)).toBe(true);
    expect((refused as TransientError).retryAfterMs).toBeGreaterThan(150);
    expect(probe.status).toBe(200);
    expect(up.calls).toBe(1);
    expect(dep.state).toBe('closed');
  });

  it('a full outage: the retry budget caps retries', async () => {
    // Prepare: 40 calls, 3 attempts each without a budget would be 120 requests.
    const down = faults.status(URL_, 503);
    server.use(down);
    const dep = wrapDependency('edna', {
      logger: false,
      breaker: false,
      retry: {
        maxAttempts: 3,
        backoff: { initialDelayMs: 0, maxDelayMs: 0 },
        budget: { ratio: 0.1, minRetriesPerSecond: 0 },
      },
    });
    let exhausted = 0;
    dep.onBudgetExhausted(() => exhausted++);
    // Act
    for (let i = 0; i < 40; i++) await dep.fetch(URL_).catch(() => undefined);
    // Assess: at most 10 % extra.
    expect(down.calls).toBeLessThanOrEqual(44);
    expect(exhausted).toBeGreaterThan(30);
  });

  it('releases the body of every failed attempt', async () => {
    // Prepare: each 503 streams a body whose cancel() we observe.
    let cancelled = 0;
    let hits = 0;
    server.use(
      http.get(URL_, () => {
        hits++;
        if (hits === 3) return HttpResponse.text('ok');
        let chunks = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            // Finite, so a regression fails the assertion below instead of streaming forever.
            if (++chunks > 20_000) controller.close();
            else controller.enqueue(new Uint8Array(1024));
          },
          cancel() {
            cancelled++;
          },
        });
        return new HttpResponse(body, { status: 503 });
      }),
    );
    const dep = wrapDependency('edna', { logger: false, retry: { backoff: fast } });
    // Act
    const res = await dep.fetch(URL_);
    // Assess
    expect(await res.text()).toBe('ok');
    expect(cancelled).toBe(2);
  });

  it('the caller signal in init aborts the call without retry', async () => {
    // Prepare
    const edna = faults.hang(URL_);
    server.use(edna);
    const dep = wrapDependency('edna', { logger: false });
    const controller = new AbortController();
    // Act
    const call = dep.fetch(URL_, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 20);
    // Assess
    await expect(call).rejects.toThrow('user left');
    expect(edna.calls).toBe(1);
  });

  it('replays a POST body on retry (a Request is cloned per attempt)', async () => {
    // Prepare
    const edna = faults.sequence(URL_, [503, 200]);
    server.use(edna);
    const dep = wrapDependency('edna', { logger: false, retry: { backoff: fast } });
    // Act
    const res = await dep.fetch(new Request(URL_, { method: 'POST', body: '{"id":42}' }));
    // Assess
    expect(res.status).toBe(200);
    expect(await Promise.all(edna.requests.map((r) => r.text()))).toEqual(['{"id":42}', '{"id":42}']);
  });
});

describe('wrapDependency over real sockets (the kit fault server)', () => {
  it('a TCP reset is retried and the next attempt succeeds', async () => {
    // Prepare
    faultServer = await startFaultServer(['reset', { status: 200, body: 'ok' }]);
    const dep = wrapDependency('edna', { logger: false, retry: { backoff: fast } });
    // Act
    const res = await dep.fetch(faultServer.url);
    // Assess
    expect(await res.text()).toBe('ok');
    expect(faultServer.hits).toBe(2);
  });

  it('a hung server: the attempt timeout fires and the next attempt runs', async () => {
    // Prepare
    faultServer = await startFaultServer(['hang', { status: 200, body: 'ok' }]);
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 150, totalMs: 2_000 },
      retry: { backoff: fast },
    });
    let timeouts = 0;
    dep.onTimeout(() => timeouts++);
    // Act
    const res = await dep.fetch(faultServer.url);
    // Assess
    expect(await res.text()).toBe('ok');
    expect(faultServer.hits).toBe(2);
    expect(timeouts).toBe(1);
  });

  it('refused connections exhaust the attempts and surface the real network error', async () => {
    // Prepare
    faultServer = await startFaultServer(['refuse']);
    const dep = wrapDependency('edna', { logger: false, retry: { backoff: fast }, breaker: false });
    let retries = 0;
    dep.onRetry(() => retries++);
    // Act
    const error = await dep.fetch(faultServer.url).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(TypeError); // undici's "fetch failed", cause ECONNREFUSED
    expect(retries).toBe(2);
  });
});
