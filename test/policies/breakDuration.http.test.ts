// A growing break duration on a real 127.0.0.1 server that is down for the whole test: with
// `breakDuration` the circuit probes less and less often (100, 200, 400, 400 ms apart); without it, every
// 100 ms. Real time, 1.5 s per dependency, a call every 10 ms.
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function hitsDuringOutage(breakDuration: { maxMs: number; jitter: 'none' } | false): Promise<number> {
  server = await startFaultServer(() => ({ status: 503 }));
  const dep = wrapDependency('edna', {
    logger: false,
    timeout: { attemptMs: 200, totalMs: 200 },
    retry: { maxAttempts: 1 },
    breaker: { threshold: 1, halfOpenAfterMs: 100, breakDuration },
  });
  const until = Date.now() + 1_500;
  while (Date.now() < until) {
    await dep.fetch(server.url).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const hits = server.hits;
  await server.close();
  server = undefined;
  return hits;
}

describe('growing break duration (real server, 1.5 s outage)', () => {
  it('probes a long outage less and less often than a fixed break duration', async () => {
    // Act
    const fixed = await hitsDuringOutage(false);
    const growing = await hitsDuringOutage({ maxMs: 400, jitter: 'none' });
    // Assess: fixed about 1 + 1500/100; growing about 1 + (100, 300, 700, 1100, 1500). On a loaded
    // machine each probe takes longer and the fixed count drops (9 was seen under a mutation run), so the
    // fixed one is compared with the growing one rather than with a number.
    expect(growing).toBeLessThanOrEqual(7);
    expect(fixed).toBeGreaterThan(growing + 1);
  });
});
