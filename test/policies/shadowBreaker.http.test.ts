// Shadow mode on a real 127.0.0.1 server that fails: the breaker reports that it opened, and every call
// still reaches the server (an enforcing breaker would have refused all but the first two).
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('breaker.shadow (real server)', () => {
  it('reports the open circuit and sends every call', async () => {
    // Prepare
    server = await startFaultServer(() => ({ status: 503 }));
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 1 },
      breaker: { threshold: 2, halfOpenAfterMs: 60_000, shadow: true },
    });
    const breaks: unknown[] = [];
    dep.onBreak((e) => breaks.push(e.shadow));
    // Act
    for (let i = 0; i < 6; i++) await dep.fetch(server.url).catch(() => undefined);
    // Assess
    expect(server.hits).toBe(6);
    expect(breaks).toEqual([true]);
    expect(dep.state).toBe('open');
    expect(dep.stats().rejected).toBe(0);
  });
});
