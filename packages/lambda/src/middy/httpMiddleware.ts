import { enterLogContext, TransientError } from '@bulwark/errors';
import type { Context } from 'aws-lambda';
import type { HttpHandlerOptions } from '../http/HttpHandlerOptions.js';
import type { HttpRequestContext } from '../http/HttpRequestContext.js';
import {
  errorResponse,
  type HttpExchange,
  openExchange,
  readBody,
  requestContext,
  resultResponse,
} from '../http/httpExchange.js';
import { normalizeHttpOptions } from '../http/normalizeHttpOptions.js';
import type { MiddyLikeMiddleware, MiddyLikeRequest } from './MiddyLike.js';

interface Entry {
  readonly exchange: HttpExchange;
  readonly ctx: HttpRequestContext<unknown>;
}

// By Lambda context, for the handler (httpRequestContext); by request, for after/onError.
const byContext = new WeakMap<object, Entry>();
const byRequest = new WeakMap<object, Entry>();

const remember = (request: MiddyLikeRequest, entry: Entry): void => {
  byRequest.set(request, entry);
  if (typeof request.context === 'object' && request.context !== null) byContext.set(request.context, entry);
};

/**
 * `httpHandler` as a middy middleware: `before` reads the correlation id and validates the body (400/422),
 * `after` shapes the handler's return value for the event source and returns the correlation id, `onError`
 * answers `application/problem+json` (Retry-After on 503, no stack, no upstream body). `ctx.signal` aborts at
 * the deadline's safety margin. Inside the handler, {@link httpRequestContext} gives the request context.
 *
 * Unlike `httpHandler`, a middleware cannot wrap the handler's async scope, so `wrapDependency` calls are not
 * bounded by the invocation's deadline here: wrap the handler body in `withDeadline(context, ...)` from
 * `@bulwark/policies`, and use middy's `timeoutEarlyInMillis` for the hard stop.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { httpMiddleware, httpRequestContext } from '@bulwark/lambda/middy';
 *
 * export const handler = middy(async (_event: unknown, context: import('aws-lambda').Context) => {
 *   const { body, correlationId } = httpRequestContext<{ id: string }>(context);
 *   return { statusCode: 201, body: { id: body.id, correlationId } };
 * }).use(httpMiddleware());
 * ```
 */
export function httpMiddleware<TBody = unknown>(options?: HttpHandlerOptions<TBody>): MiddyLikeMiddleware {
  const opts = normalizeHttpOptions(options, 'httpMiddleware');
  return {
    async before(request) {
      const exchange = openExchange(request.event, request.context as Context | undefined, opts);
      // middy runs the handler after `before` returns, so nothing here can wrap it: the id is entered into
      // the invocation's async context instead, and the next request's `before` replaces it.
      enterLogContext({ correlation_id: exchange.correlationId });
      // Registered before the body is read, so onError can answer a 400/422 in the right shape.
      remember(request, { exchange, ctx: requestContext(exchange, undefined) });
      const body = await readBody(exchange, opts);
      remember(request, { exchange, ctx: requestContext(exchange, body) });
      exchange.guard?.arm(
        () =>
          exchange.controller.abort(
            new TransientError('The request ran out of time before the Lambda timeout.', {
              reason: 'timeout',
            }),
          ),
        () => undefined,
      );
    },
    async after(request) {
      const entry = byRequest.get(request);
      if (entry === undefined) return;
      entry.exchange.guard?.disarm();
      request.response = resultResponse(entry.exchange, request.response, opts.correlationIdHeader);
    },
    async onError(request) {
      const entry = byRequest.get(request);
      // No exchange: the event was not an HTTP event. That is a wiring error, not a response: let it throw.
      if (entry === undefined) return;
      entry.exchange.guard?.disarm();
      request.response = errorResponse(entry.exchange, request.error, opts);
    },
  };
}

/**
 * The request context `httpMiddleware` made for this invocation (body, correlation id, child logger, signal).
 * Throws if the middleware did not run for this context.
 *
 * @example
 * ```ts
 * import { httpRequestContext } from '@bulwark/lambda/middy';
 * const handler = async (_event: unknown, context: import('aws-lambda').Context) => {
 *   httpRequestContext(context).logger.info('hello');
 * };
 * ```
 */
export function httpRequestContext<TBody = unknown>(context: object): HttpRequestContext<TBody> {
  const entry = byContext.get(context);
  if (entry === undefined) {
    throw new TypeError(
      'httpRequestContext: httpMiddleware did not run for this context; add .use(httpMiddleware()).',
    );
  }
  return entry.ctx as HttpRequestContext<TBody>;
}
