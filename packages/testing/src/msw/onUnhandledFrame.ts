// msw 3's `onUnhandledFrame` as Bulwark tests want it: a request nobody handles is an error, except
// loopback, where the tests' own real servers live (the fault server, dynalite).
import type { UnhandledFrameHandle } from 'msw';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether `url` points at this machine (127.0.0.1, localhost, ::1). */
export function isLoopback(url: string | URL): boolean {
  const { hostname } = typeof url === 'string' ? new URL(url) : url;
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.');
}

/**
 * The `onUnhandledFrame` strategy {@link useMswServer} and {@link startMswServer} use: loopback
 * passes through to the real server, anything else unhandled prints msw's message and fails the
 * request, so a test can never reach the internet or silently skip a handler.
 *
 * @example
 * ```ts
 * const server = setupServer();
 * server.listen({ onUnhandledFrame: errorOnUnhandledExceptLoopback });
 * ```
 */
export const errorOnUnhandledExceptLoopback: UnhandledFrameHandle = async ({ frame, defaults }) => {
  const request = (frame.data as { request?: unknown } | undefined)?.request;
  if (request instanceof Request && isLoopback(request.url)) return;
  await defaults.error();
  const what = request instanceof Request ? `${request.method} ${request.url}` : `a ${frame.protocol} frame`;
  throw new Error(`[@bulwark/testing] unhandled request: ${what} (no msw handler matches it)`);
};
