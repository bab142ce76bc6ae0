// Cooldown after pushback on a real 127.0.0.1 server: after one 429 with Retry-After, the next calls do
// not reach the server until the hint has passed (they wait within their time, or are refused with a
// 503-class error carrying retryAfterMs); with `cooldown: false` they go on and collect more 429s.
import { classify, isDependencyDownError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const tooMany = { status: 429, headers: { 'retry-after': '1' } };
const ok = { status: 200, body: 'ok' };

describe('cooldown after pushback (real server)', () => {
  it('holds the next calls until Retry-After has passed, then they succeed', async () => {
    // Prepare
    server = await startFaultServer([tooMany, ok, ok, ok]);
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 1_000, totalMs: 3_000 },
      retry: { maxAttempts: 1 },
    });
    await dep.fetch(server.url).catch(() => undefined);
    const started = Date.now();
    // Act
    const answers = await Promise.all([dep.fetch(server.url), dep.fetch(server.url), dep.fetch(server.url)]);
    // Assess
    expect(answers.map((r) => (r as Response).status)).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.hits).toBe(4);
    expect(dep.stats()).toMatchObject({ cooldowns: 1, held: 3 });
  });

  it('refuses calls whose time ends before the cooldown, without sending them', async () => {
    // Prepare
    server = await startFaultServer([tooMany, ok]);
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 300, totalMs: 300 },
      retry: { maxAttempts: 1 },
    });
    await dep.fetch(server.url).catch(() => undefined);
    // Act
    const refused = await dep.fetch(server.url).catch((e: unknown) => e);
    // Assess
    expect(isDependencyDownError(refused)).toBe(true);
    expect(refused).toMatchObject({ reason: 'throttled' });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(classify(refused).httpStatus).toBe(503);
    expect(server.hits).toBe(1);
  });

  it('cooldown: false sends the next calls at once (and they collect the 429s)', async () => {
    // Prepare
    server = await startFaultServer([tooMany, tooMany, tooMany]);
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 300, totalMs: 300 },
      retry: { maxAttempts: 1 },
      cooldown: false,
    });
    // Act
    for (let i = 0; i < 3; i++) await dep.fetch(server.url).catch(() => undefined);
    // Assess
    expect(server.hits).toBe(3);
  });
});
