// The five failure-mode assertions of @bulwark/testing against the real wrapDependency, on fake timers.
import { wrapDependency } from '@bulwark/policies';
import {
  expectBreakerOpens,
  expectFallback,
  expectHalfOpenProbe,
  expectRetryExhaustion,
  expectTimeoutFires,
} from '@bulwark/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

describe('failure-mode assertions on wrapDependency', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expectTimeoutFires: the attempt timeout cuts off a dependency that ignores its signal', async () => {
    // Prepare
    const edna = wrapDependency('edna', { logger: false, timeout: { attemptMs: 1_000, totalMs: 3_500 } });
    // Act
    const seen = await expectTimeoutFires(edna, { withinMs: 1_000, settleWithinMs: 3_500 });
    // Assess
    expect(seen).toMatchObject({ abortedAfterMs: 1_000, outcome: 'rejected' });
    expect(seen.attempts).toBeGreaterThanOrEqual(2);
  });

  it('expectRetryExhaustion: maxAttempts is the total number of attempts', async () => {
    // Prepare
    const edna = wrapDependency('edna', { logger: false, retry: { maxAttempts: 4 }, breaker: false });
    // Act + Assess
    await expect(expectRetryExhaustion(edna, { attempts: 4 })).resolves.toMatchObject({ attempts: 4 });
  });

  it('expectBreakerOpens then expectHalfOpenProbe: open after 5, one probe after 5 s, closed again', async () => {
    // Prepare
    const edna = wrapDependency('edna', {
      logger: false,
      retry: false,
      breaker: { threshold: 5, halfOpenAfterMs: 5_000 },
    });
    // Act
    await expectBreakerOpens(edna, { afterFailures: 5 });
    const probe = await expectHalfOpenProbe(edna, { halfOpenAfterMs: 5_000 });
    // Assess
    expect(probe.probes).toBe(1);
    expect(edna.state).toBe('closed');
  });

  it('expectHalfOpenProbe with three probes', async () => {
    // Prepare
    const edna = wrapDependency('edna', {
      logger: false,
      retry: false,
      breaker: { threshold: 2, halfOpenAfterMs: 1_000, halfOpenProbes: 3 },
    });
    await expectBreakerOpens(edna, { afterFailures: 2 });
    // Act + Assess
    await expect(expectHalfOpenProbe(edna, { halfOpenAfterMs: 1_000, probes: 3 })).resolves.toEqual({
      probes: 3,
    });
  });

  it('expectFallback: the fallback is given the error and its value returned', async () => {
    // Prepare
    const edna = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 2 },
      fallback: (_error, ctx) => ({ orders: [], degraded: ctx.classification.reason }),
    });
    // Act + Assess
    await expect(
      expectFallback(edna, { value: { orders: [], degraded: 'server-error' } }),
    ).resolves.toMatchObject({
      attempts: 2,
    });
  });
});
