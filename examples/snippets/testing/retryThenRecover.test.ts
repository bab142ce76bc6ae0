// "503, 503, then 200": the dependency recovers inside the retry budget, and the fault handler
// counts every attempt, so the test proves the retries happened rather than assuming them.
import { wrapDependency } from '@bulwark/policies';
import { faults, useMswServer } from '@bulwark/testing';
import { expect, it } from 'vitest';

const server = useMswServer();

it('retries two 503s and returns the third answer', async () => {
  const edna = faults.sequence('https://edna.test/orders', [503, { status: 503, retryAfter: 0 }, 200]);
  server.use(edna);
  const dependency = wrapDependency('edna', {
    retry: { maxAttempts: 3, backoff: { initialDelayMs: 1, maxDelayMs: 5 }, budget: false },
  });

  const response = await dependency.fetch('https://edna.test/orders');

  expect(response.status).toBe(200);
  expect(edna.calls).toBe(3);
});
