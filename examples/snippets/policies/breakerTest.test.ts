// Testing a dependency's failure modes with @bulwark/testing, on fake timers.
import { wrapDependency } from '@bulwark/policies';
import {
  expectBreakerOpens,
  expectHalfOpenProbe,
  expectRetryExhaustion,
  expectTimeoutFires,
} from '@bulwark/testing';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('edna: timeout, retries, breaker and recovery', async () => {
  const edna = wrapDependency('edna', {
    logger: false,
    timeout: { attemptMs: 1_000, totalMs: 5_000 },
    retry: { maxAttempts: 3 },
    breaker: { threshold: 9, halfOpenAfterMs: 10_000 },
  });
  await expectTimeoutFires(edna, { withinMs: 1_000, settleWithinMs: 5_000 });
  await expectRetryExhaustion(edna, { attempts: 3 });
  await expectBreakerOpens(edna, { afterFailures: 3 }); // 3 timeouts + 3 failures + 3 more = 9 in a row
  await expectHalfOpenProbe(edna, { halfOpenAfterMs: 10_000 });
  expect(edna.state).toBe('closed');
});
