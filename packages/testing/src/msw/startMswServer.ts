import type { AnyHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { errorOnUnhandledExceptLoopback } from './onUnhandledFrame.js';

/**
 * Starts msw's `setupServer` with unhandled requests as errors (loopback passed through), for test
 * runners other than vitest. Call `server.resetHandlers()` between tests and `server.close()` at the
 * end yourself; under vitest use {@link useMswServer}, which does both.
 *
 * @example
 * ```ts
 * const server = startMswServer(faults.status('https://edna.test/*', 503));
 * try {
 *   await fetch('https://edna.test/x'); // 503
 * } finally {
 *   server.close();
 * }
 * ```
 */
export function startMswServer(...handlers: AnyHandler[]): SetupServer {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledFrame: errorOnUnhandledExceptLoopback });
  return server;
}
