// The rate limiter on a real 127.0.0.1 server: 12 calls at once with `perSecond: 20, burst: 2` reach the
// server no faster than the bucket allows, and a call that cannot wait is refused without being sent.
import { isDependencyDownError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('rateLimit (real server)', () => {
  it('spaces calls at perSecond after the burst', async () => {
    // Prepare
    server = await startFaultServer(() => ({ status: 200, body: 'ok' }));
    const dep = wrapDependency('edna', { logger: false, rateLimit: { perSecond: 20, burst: 2 } });
    const started = Date.now();
    // Act: 2 at once, then 10 more 50 ms apart: about 500 ms
    const answers = await Promise.all(Array.from({ length: 12 }, () => dep.fetch(server!.url)));
    // Assess
    expect(answers.every((r) => (r as Response).status === 200)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(server.hits).toBe(12);
    // 10 wait for a token; on a loaded machine a call scheduled late finds its token free (9 was seen).
    expect(dep.stats().held).toBeGreaterThanOrEqual(5);
    expect(dep.stats().held).toBeLessThanOrEqual(10);
  });

  it('refuses a call whose wait exceeds maxWaitMs, without sending it', async () => {
    // Prepare
    server = await startFaultServer(() => ({ status: 200, body: 'ok' }));
    const dep = wrapDependency('edna', { logger: false, rateLimit: { perSecond: 1, maxWaitMs: 100 } });
    await dep.fetch(server.url);
    // Act
    const refused = await dep.fetch(server.url).catch((e: unknown) => e);
    // Assess
    expect(isDependencyDownError(refused)).toBe(true);
    expect(refused).toMatchObject({ reason: 'throttled' });
    expect(server.hits).toBe(1);
  });
});
