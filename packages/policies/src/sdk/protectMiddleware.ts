// The middleware a protected client carries: each send runs through its dependency's chain, and each
// attempt re-enters the rest of the stack (the SDK's no-op retry step, signing, the request, the
// deserializer), exactly where the SDK's own retries would have re-entered it.

import { Readable } from 'node:stream';
import { SINGLE_ATTEMPT } from '../options/singleAttempt.js';
import { inAttempt } from './attemptTransport.js';
import type { ClientRoutes } from './ClientRoutes.js';
import type { SdkHandlerArguments, SdkHandlerContext, SdkHandlerOutput, SdkMiddleware } from './SdkClient.js';

/** The name it has on the stack (and the mark that a client is protected, for every copy of this package). */
export const PROTECT_MIDDLEWARE_NAME = 'bulwarkProtectMiddleware';

/** @smithy/types' SMITHY_CONTEXT_KEY: where the SDK puts the caller's `abortSignal` for middleware. */
const SMITHY_CONTEXT_KEY = '__smithy_context';

/** A body that can be read once (an upload stream): such a send gets one attempt, as the SDK does. */
function isStreaming(request: unknown): boolean {
  // Stryker disable next-line OptionalChaining: the finalize step always carries a request
  const body = (request as { body?: unknown } | undefined)?.body;
  // Node >= 22 (the package's engines) always has the global ReadableStream.
  return body instanceof Readable || body instanceof ReadableStream;
}

function callerSignal(context: SdkHandlerContext): AbortSignal | undefined | string {
  const smithy = context[SMITHY_CONTEXT_KEY] as { abortSignal?: unknown } | undefined;
  const signal = smithy?.abortSignal;
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  return 'send(command, { abortSignal }): abortSignal must be an AbortSignal (AbortController().signal)';
}

/** Builds the middleware for one client's routes. */
export function protectMiddleware(routes: ClientRoutes): SdkMiddleware {
  return (next, context) => (args: SdkHandlerArguments) => {
    const route = routes.routeFor(context.commandName);
    if (typeof route === 'string')
      return Promise.reject(new TypeError(`${context.clientName ?? 'client'}: ${route}`));
    const signal = callerSignal(context);
    if (typeof signal === 'string') return Promise.reject(new TypeError(signal));
    const streaming = isStreaming(args.request);
    const options =
      // Stryker disable next-line ConditionalExpression: execute reads an empty options object as none (undefined only skips its check)
      signal === undefined && !streaming
        ? undefined
        : {
            // Stryker disable next-line ConditionalExpression: execute reads signal: undefined as no signal
            ...(signal === undefined ? {} : { signal }),
            ...(streaming ? { [SINGLE_ATTEMPT]: true as const } : {}),
          };
    return route.execute(
      ({ signal: attemptSignal, attempt }) =>
        inAttempt({ signal: attemptSignal, caller: signal }, () => next(args)).then((result) => {
          // The SDK's (no-op) retry step reports 1; the send took this many of our attempts.
          const metadata = result.output?.$metadata;
          if (metadata !== undefined) metadata.attempts = attempt;
          return result;
        }),
      options,
    ) as Promise<SdkHandlerOutput>;
  };
}
