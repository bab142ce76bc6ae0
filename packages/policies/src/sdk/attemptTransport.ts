// How an attempt's AbortSignal reaches the socket. The SDK hands its request handler the options given
// to `send` (fixed for the whole send), not anything a middleware can change per attempt; so the attempt
// runs inside an AsyncLocalStorage scope, and the handler's `handle` reads the attempt's signal from it.
// The handler's own connection and request timeouts are set to the attempt timeout as a backstop: they
// start after the attempt's timer with the same duration, so the attempt timeout (counted, with its
// onTimeout event) fires first, and the socket is destroyed either way.

import { AsyncLocalStorage } from 'node:async_hooks';

/** The attempt a request belongs to. */
export interface AttemptScope {
  /** The attempt's signal (it already follows the caller's). */
  readonly signal: AbortSignal;
  /** The caller's own `abortSignal`, which the SDK also hands the handler. */
  readonly caller: AbortSignal | undefined;
}

const scopes = new AsyncLocalStorage<AttemptScope>();

/** Runs `fn` (one attempt through the rest of the stack) with `scope` visible to the request handler. */
export function inAttempt<T>(scope: AttemptScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

interface HandlerOptions {
  readonly abortSignal?: AbortSignal | { readonly aborted: boolean };
  readonly [key: string]: unknown;
}

interface RequestHandlerLike {
  handle(request: unknown, options?: HandlerOptions): Promise<unknown>;
  updateHttpClientConfig?(key: string, value: unknown): void;
}

/** Marks a handler patched (shared across copies of this package), and keeps the largest attempt timeout. */
const PATCHED = Symbol.for('@bulwark/policies.protect.handler');

interface PatchState {
  timeoutMs: number;
}

function isHandler(value: unknown): value is RequestHandlerLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { handle?: unknown }).handle === 'function'
  );
}

/**
 * Makes `handler` take each request's signal from the attempt scope, and sets its connection and request
 * timeouts to `attemptMs` (with `throwOnRequestTimeout`) when it accepts `updateHttpClientConfig`
 * (NodeHttpHandler, NodeHttp2Handler, FetchHttpHandler). Returns a description of the problem, or
 * undefined when done.
 */
export function bindHandler(handler: unknown, attemptMs: number): string | undefined {
  if (!isHandler(handler)) return 'its config.requestHandler has no handle() method';
  const target = handler as RequestHandlerLike & { [PATCHED]?: PatchState };
  let state = target[PATCHED];
  if (state === undefined) {
    const original = handler.handle;
    const handle = function (this: unknown, request: unknown, options?: HandlerOptions): Promise<unknown> {
      const scope = scopes.getStore();
      if (scope === undefined) return original.call(this, request, options);
      const own = options?.abortSignal;
      // No signal of its own (undefined), the caller's (the attempt's already follows it), or a legacy one.
      const signal =
        own === scope.caller || !(own instanceof AbortSignal)
          ? scope.signal
          : AbortSignal.any([scope.signal, own]);
      return original.call(this, request, { ...options, abortSignal: signal });
    };
    state = { timeoutMs: 0 };
    try {
      Object.defineProperty(target, 'handle', { value: handle, configurable: true, writable: true });
      // Stryker disable next-line BooleanLiteral: nothing redefines or deletes the mark (every copy only reads it)
      Object.defineProperty(target, PATCHED, { value: state, configurable: true });
    } catch {
      return 'its config.requestHandler cannot be extended (frozen?)';
    }
  }
  // A handler shared by several protected clients keeps the longest attempt timeout: each request is
  // still cut at its own attempt's timeout by the signal.
  if (attemptMs > state.timeoutMs && typeof target.updateHttpClientConfig === 'function') {
    state.timeoutMs = attemptMs;
    target.updateHttpClientConfig('connectionTimeout', attemptMs);
    target.updateHttpClientConfig('requestTimeout', attemptMs);
    target.updateHttpClientConfig('throwOnRequestTimeout', true);
  }
  return undefined;
}
