// A Retry-After beyond retry.backoff.maxDelayMs, on a real 127.0.0.1 server: the retry waits for it when
// it fits the call's remaining time, and gives up at once (retryAfterMs set) when it does not; it never
// retries early against an explicit pushback. Real time, short totals.
import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const tooMany = (seconds: number) => ({ status: 429, headers: { 'retry-after': String(seconds) } });

describe('Retry-After beyond maxDelayMs (real server)', () => {
  it('waits the full hint when it fits, though maxDelayMs is shorter', async () => {
    // Prepare
    server = await startFaultServer([tooMany(1), { status: 200, body: 'ok' }]);
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 1_000, totalMs: 3_000 },
      retry: { backoff: { initialDelayMs: 5, maxDelayMs: 100 } },
    });
    const started = Date.now();
    // Act
    const res = await dep.fetch(server.url);
    // Assess
    expect(await res.text()).toBe('ok');
    expect(server.hits).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("gives up at once with retryAfterMs when the hint does not fit the call's time", async () => {
    // Prepare
    server = await startFaultServer([tooMany(5), { status: 200, body: 'ok' }]);
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 500, totalMs: 2_000 },
      retry: { backoff: { initialDelayMs: 5, maxDelayMs: 100 } },
    });
    const giveUps: unknown[] = [];
    dep.onGiveUp((e) => giveUps.push([e.reason, e.retryAfterMs]));
    const started = Date.now();
    // Act
    const error = await dep.fetch(server.url).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 5_000 });
    expect(server.hits).toBe(1);
    expect(giveUps).toEqual([['deadline', 5_000]]);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
