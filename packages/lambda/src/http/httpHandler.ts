import { runWithLogContext, TransientError } from '@bulwark/errors';
import type { Context } from 'aws-lambda';
import { runWithinDeadline } from '../deadline/runWithinDeadline.js';
import type { HttpHandlerOptions } from './HttpHandlerOptions.js';
import type { HttpRouteHandler } from './HttpRequestContext.js';
import type { LambdaHttpResponse } from './httpEvent.js';
import { normalizeHttpOptions } from './normalizeHttpOptions.js';

// The request/response machinery is loaded when an httpHandler is built (during init, like the handler
// itself), not when the package is imported: an SQS consumer importing the root entry never loads it.
let exchangeModule: Promise<typeof import('./httpExchange.js')> | undefined;
const loadExchange = (): Promise<typeof import('./httpExchange.js')> => {
  exchangeModule ??= import('./httpExchange.js');
  return exchangeModule;
};

/**
 * The Lambda handler `httpHandler` returns.
 *
 * @example
 * ```ts
 * import { httpHandler, type HttpLambdaHandler } from '@bulwark/lambda';
 * export const handler: HttpLambdaHandler = httpHandler(async () => ({ ok: true }));
 * ```
 */
export type HttpLambdaHandler = (event: unknown, context?: Context) => Promise<LambdaHttpResponse>;

/**
 * Builds a Lambda handler for API Gateway REST (payload 1.0), HTTP API (payload 2.0) and ALB events. Failures
 * become RFC 9457 `application/problem+json` through `toProblemDetails` (infrastructure failures are 503 or
 * 504, never 401/403; `Retry-After` on 503 when known); never a stack or an upstream body. A correlation id is
 * read from the request (or made), attached to the logs and returned. A body that does not parse is 400; one
 * that fails the schema is 422 with the field issues. `wrapDependency` calls inside are bounded by the
 * invocation's remaining time, and the request is answered 504 before the Lambda timeout.
 *
 * Throws a `TypeError` at construction for a handler that is not a function or an invalid option, and at
 * invocation for an event that is not one of the three HTTP shapes.
 *
 * @example
 * ```ts
 * import { httpHandler } from '@bulwark/lambda';
 * import { wrapDependency } from '@bulwark/policies';
 *
 * const edna = wrapDependency('edna', { timeout: { attemptMs: 1_000 } });
 * export const handler = httpHandler(async (_event, { signal }) => {
 *   const response = await edna.fetch('https://edna.internal/orders', { signal });
 *   return { statusCode: 200, body: await response.json() };
 * });
 * ```
 */
export function httpHandler<TBody = unknown, TResult = unknown>(
  handler: HttpRouteHandler<TBody, TResult>,
  options?: HttpHandlerOptions<TBody>,
): HttpLambdaHandler {
  if (typeof handler !== 'function') {
    throw new TypeError(
      `httpHandler: handler must be a function (event, ctx) => Promise<result>; got ${handler === null ? 'null' : typeof handler}.`,
    );
  }
  const opts = normalizeHttpOptions(options);
  // Started now so the first request does not wait for it; a failure surfaces on that request.
  // Stryker disable next-line CallExpression: a preload only: the first request awaits loadExchange() itself
  loadExchange().catch(() => undefined);
  return async (event, context) => {
    const { errorResponse, openExchange, readBody, requestContext, resultResponse } = await loadExchange();
    const x = openExchange(event, context, opts);
    try {
      const body = await readBody(x, opts);
      const ctx = requestContext(x, body);
      // Every Bulwark line written while the handler runs (a dependency's retries included) carries the id.
      const work = Promise.resolve(
        runWithLogContext({ correlation_id: x.correlationId }, () =>
          runWithinDeadline(x.budget, () => handler(event as never, ctx)),
        ),
      );
      if (x.guard === undefined) return resultResponse(x, await work, opts.correlationIdHeader);
      const guard = x.guard;
      const reason = new TransientError('The request ran out of time before the Lambda timeout.', {
        reason: 'timeout',
      });
      const stop = new Promise<never>((_resolve, reject) =>
        guard.arm(
          () => x.controller.abort(reason),
          () => reject(reason),
        ),
      );
      // Promise.race handles a rejection of `work` that comes after the stop.
      return resultResponse(x, await Promise.race([work, stop]), opts.correlationIdHeader);
    } catch (thrown: unknown) {
      return errorResponse(x, thrown, opts);
    } finally {
      x.guard?.disarm();
    }
  };
}
