// Every fault is an msw `http.all` handler that also remembers what it saw, so a test can assert
// "the dependency was called 3 times" without a spy, and "nothing is still waiting" without a guess.
import { type HttpHandler, http } from 'msw';
import { type ScriptErrorSink, trackScriptErrors } from '../msw/scriptErrors.js';

/**
 * An msw handler that counts the requests it answered.
 *
 * @example
 * ```ts
 * const down = faults.status('https://edna.test/orders', 503);
 * server.use(down);
 * await fetch('https://edna.test/orders');
 * down.calls; // 1
 * down.requests[0]?.method; // 'GET'
 * ```
 */
export type FaultHandler = HttpHandler & {
  /** How many requests reached this handler. */
  readonly calls: number;
  /** The requests, in arrival order (clones: their bodies can still be read). */
  readonly requests: readonly Request[];
  /** Requests still being answered (hanging, delayed): 0 once every client has given up or been answered. */
  readonly pending: number;
  /** Mistakes in the script itself (a sequence that ran out). {@link useMswServer} fails the test on them. */
  readonly errors: readonly string[];
};

/** The URL patterns msw accepts: an absolute URL (with `*` wildcards or `:params`) or a RegExp. */
export type FaultUrl = string | RegExp;

/** Wraps `answer` in a counting `http.all(url)` handler. */
export function faultHandler(
  url: FaultUrl,
  answer: (request: Request, index: number) => Response | Promise<Response>,
): FaultHandler {
  assertUrl(url);
  const requests: Request[] = [];
  const sink: ScriptErrorSink = trackScriptErrors();
  let pending = 0;
  const handler = http.all(url, async ({ request }) => {
    const index = requests.length;
    requests.push(request.clone());
    pending++;
    try {
      return await answer(request, index);
    } catch (error: unknown) {
      sink.report(error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      pending--;
    }
  });
  sink.attach(handler);
  Object.defineProperties(handler, {
    calls: { get: () => requests.length, enumerable: true },
    requests: { get: () => requests, enumerable: true },
    pending: { get: () => pending, enumerable: true },
    errors: { get: () => sink.all, enumerable: true },
  });
  return handler as FaultHandler;
}

function assertUrl(url: unknown): void {
  if (url instanceof RegExp) return;
  if (typeof url !== 'string' || url === '') {
    throw new TypeError(`fault url must be a non-empty string or a RegExp, got ${String(url)}`);
  }
}
