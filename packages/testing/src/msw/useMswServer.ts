// The only module that needs vitest. It loads it lazily (require of the already-loaded ESM module),
// so importing @bulwark/testing works without vitest installed; only calling this needs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AnyHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { unhandledExceptLoopback } from './onUnhandledFrame.js';
import { takeScriptErrors, trackScriptErrors } from './scriptErrors.js';

type Hook = (fn: () => unknown) => void;

/**
 * msw's server for a vitest file: listens before all tests with unhandled requests as errors
 * (loopback passed through, so real local servers work beside it), resets to `handlers` after each
 * test, closes after all. A test that made an unhandled request, or whose fault script went wrong
 * (a `faults.sequence` that ran out, an SSM operation the emulator does not know), fails in
 * `afterEach` even if the code under test swallowed the resulting 500. Call it at the top level of the file (or of a `describe`).
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
  // Unhandled requests are recorded on the server itself, beside the handlers' script mistakes.
  const unhandled = trackScriptErrors();
  unhandled.attach(server);
  const onUnhandledFrame = unhandledExceptLoopback((request) =>
    unhandled.report(`unhandled request: ${request}`),
  );
  beforeAll(() => server.listen({ onUnhandledFrame }));
  afterEach(() => {
    const mistakes = takeScriptErrors([server, ...server.listHandlers()]);
    server.resetHandlers();
    if (mistakes.length > 0) {
      throw new Error(
        `[@bulwark/testing] the test's requests or fault script went wrong:\n- ${mistakes.join('\n- ')}`,
      );
    }
  });
  afterAll(() => server.close());
  return server;
}

function loadVitestHooks(): { beforeAll: Hook; afterEach: Hook; afterAll: Hook } {
  try {
    // require('vitest') resolves to its CommonJS stub, which throws on purpose; load the ESM entry
    // by path instead (require of ESM), which is the very module instance the test file imported.
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve('vitest/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      exports?: Record<string, { import?: string | { default?: string } }>;
    };
    const entry = manifest.exports?.['.']?.import;
    const relative = typeof entry === 'string' ? entry : entry?.default;
    if (relative === undefined) throw new Error(`no ESM entry in ${manifestPath}`);
    return require(join(dirname(manifestPath), relative)) as {
      beforeAll: Hook;
      afterEach: Hook;
      afterAll: Hook;
    };
  } catch (error: unknown) {
    throw new Error(
      'useMswServer needs vitest (an optional peer dependency of @bulwark/testing); under another runner use startMswServer()',
      { cause: error },
    );
  }
}
