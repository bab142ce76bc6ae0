// Adaptive throttling on a real 127.0.0.1 server that throttles every request (429 without Retry-After,
// so no cooldown): the client soon refuses most calls itself; a server that accepts sees every call.
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const options = { logger: false, retry: { maxAttempts: 1 }, breaker: false, adaptiveThrottle: {} } as const;

describe('adaptiveThrottle (real server)', () => {
  it('sends far fewer requests to a dependency that throttles everything', async () => {
    server = await startFaultServer(() => ({ status: 429 }));
    const dep = wrapDependency('edna', options);
    for (let i = 0; i < 100; i++) await dep.fetch(server.url).catch(() => undefined);
    expect(server.hits).toBeLessThan(50);
    expect(dep.stats().rateLimited).toBe(100 - server.hits);
  });

  it('sends every request to a dependency that accepts', async () => {
    server = await startFaultServer(() => ({ status: 200, body: 'ok' }));
    const dep = wrapDependency('edna', options);
    for (let i = 0; i < 50; i++) await (await dep.fetch(server.url)).text();
    expect(server.hits).toBe(50);
  });
});
