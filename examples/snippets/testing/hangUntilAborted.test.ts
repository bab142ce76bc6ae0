// A dependency that accepts the request and never answers: only the caller's timeout ends it, and
// `pending` shows nothing is left waiting afterwards.
import { faults, useMswServer } from '@bulwark/testing';
import { expect, it } from 'vitest';

const server = useMswServer();

it('a hang lasts until the caller aborts', async () => {
  const edna = faults.hang('https://edna.test/*');
  server.use(edna);

  const call = fetch('https://edna.test/orders', { signal: AbortSignal.timeout(50) });

  await expect(call).rejects.toThrow('timeout');
  expect(edna.calls).toBe(1);
  expect(edna.pending).toBe(0);
});
