import { flaky } from './flaky.js';
import { hang } from './hang.js';
import { latency } from './latency.js';
import { networkError } from './networkError.js';
import { sequence } from './sequence.js';
import { slowBody } from './slowBody.js';
import { status } from './status.js';

/**
 * HTTP faults for one dependency URL, as msw handlers that count the requests they saw.
 *
 * @example
 * ```ts
 * import { faults, useMswServer } from '@bulwark/testing';
 *
 * const server = useMswServer();
 * it('retries a 503 then succeeds', async () => {
 *   const edna = faults.sequence('https://edna.test/orders', [503, 200]);
 *   server.use(edna);
 *   // ... call the code under test ...
 *   expect(edna.calls).toBe(2);
 * });
 * ```
 */
export const faults = {
  latency,
  hang,
  networkError,
  status,
  sequence,
  flaky,
  slowBody,
} as const;
