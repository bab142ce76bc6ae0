// fetch hands each attempt's signal to the real fetch: when an attempt times out, its socket is closed
// (a hung server sees the client go), not left open behind a rejected promise. Real sockets, real time.
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

let faultServer: FaultServer | undefined;
afterEach(async () => {
  await faultServer?.close();
  faultServer = undefined;
});

/** Waits (real time, at most `ms`) until `check` holds. */
async function eventually(check: () => boolean, ms = 2_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
}

describe('fetch: the attempt signal reaches the socket', () => {
  it('a timed-out attempt closes its connection to a hung server', async () => {
    // Prepare
    faultServer = await startFaultServer(['hang']);
    const server = faultServer;
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      timeout: { attemptMs: 100, totalMs: 1_000 },
    });
    // Act
    const error = await dep.fetch(server.url).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'TransientError',
      message: 'edna: attempt 1 timed out after 100 ms',
    });
    expect(server.hits).toBe(1);
    expect(await eventually(() => server.connections === 0)).toBe(true);
  });

  it("the caller's abort closes the connection too, and the call ends with the caller's reason", async () => {
    // Prepare
    faultServer = await startFaultServer(['hang']);
    const server = faultServer;
    const dep = wrapDependency('edna', { logger: false, retry: false });
    const controller = new AbortController();
    // Act
    const call = dep.fetch(server.url, { signal: controller.signal }).catch((e: unknown) => e);
    await eventually(() => server.hits === 1);
    controller.abort('caller left');
    // Assess
    expect(await call).toBe('caller left');
    expect(await eventually(() => server.connections === 0)).toBe(true);
  });
});
