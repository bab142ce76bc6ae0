// The only module that needs vitest. It loads it lazily (require of the already-loaded ESM module),
// so importing @bulwark/testing works without vitest installed; only calling this needs it.
import { createRequire } from 'node:module';
import type { AnyHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { errorOnUnhandledExceptLoopback } from './onUnhandledFrame.js';

type Hook = (fn: () => unknown) => void;

/**
 * msw's server for a vitest file: listens before all tests with unhandled requests as errors
 * (loopback passed through, so real local servers work beside it), resets to `handlers` after each
 * test, closes after all. Call it at the top level of the file (or of a `describe`).
 *
 * @example
 * ```ts
 * import { faults, useMswServer } from '@bulwark/testing';
 *
 * const server = useMswServer();
 * it('gives up after three 503s', async () => {
 *   server.use(faults.status('https://edna.test/*', 503));
 *   // ...
 * });
 * ```
 */
export function useMswServer(...handlers: AnyHandler[]): SetupServer {
  const { beforeAll, afterEach, afterAll } = loadVitestHooks();
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: errorOnUnhandledExceptLoopback }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

function loadVitestHooks(): { beforeAll: Hook; afterEach: Hook; afterAll: Hook } {
  try {
    return createRequire(import.meta.url)('vitest') as { beforeAll: Hook; afterEach: Hook; afterAll: Hook };
  } catch (error: unknown) {
    throw new Error(
      'useMswServer needs vitest (an optional peer dependency of @bulwark/testing); under another runner use startMswServer()',
      { cause: error },
    );
  }
}
