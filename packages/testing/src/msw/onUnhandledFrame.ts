// msw 3's `onUnhandledFrame` as Bulwark tests want it: a request nobody handles is an error, except
// loopback, where the tests' own real servers live (the fault server, dynalite).
import type { UnhandledFrameHandle } from 'msw';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Whether `url` points at this machine (127.0.0.0/8, localhost, ::1).
 *
 * @example
 * ```ts
 * isLoopback('http://127.0.0.1:4566/'); // true
 * isLoopback('https://ssm.us-east-1.amazonaws.com/'); // false
 * ```
 */
export function isLoopback(url: string | URL): boolean {
  const { hostname } = typeof url === 'string' ? new URL(url) : url;
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Builds the strategy: loopback passes through; anything else prints msw's message, is reported
 * to `onUnhandled` (as `METHOD url`) and fails the request.
 */
export function unhandledExceptLoopback(
  onUnhandled: (request: string) => void = () => undefined,
): UnhandledFrameHandle {
  return async ({ frame, defaults }) => {
    const request = (frame.data as { request?: unknown } | undefined)?.request;
    if (request instanceof Request && isLoopback(request.url)) return;
    await defaults.error();
    const what =
      request instanceof Request ? `${request.method} ${request.url}` : `a ${frame.protocol} frame`;
    onUnhandled(what);
    throw new Error(`[@bulwark/testing] unhandled request: ${what} (no msw handler matches it)`);
  };
}

/**
 * The `onUnhandledFrame` strategy {@link startMswServer} uses: loopback passes through to the real
 * server, anything else unhandled prints msw's message and fails the request, so a test can never
 * reach the internet or silently skip a handler. (msw answers a failed Node request with a 500, so
 * {@link useMswServer} also fails the test afterwards.)
 *
 * @example
 * ```ts
 * const server = setupServer();
 * server.listen({ onUnhandledFrame: errorOnUnhandledExceptLoopback });
 * ```
 */
export const errorOnUnhandledExceptLoopback: UnhandledFrameHandle = unhandledExceptLoopback();
