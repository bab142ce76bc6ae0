// What httpHandler accepts, its documented defaults, and the normalised form.

import type { Classification } from '@bulwark/errors';
import type { LoggerLike } from '../internal/LoggerLike.js';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';
import type { BreakerAwareDependency } from '../sqs/SqsHandlerOptions.js';

/**
 * A schema per HTTP method (upper case): a method without one is not validated.
 *
 * @example
 * ```ts
 * import { httpHandler, type SchemaByMethod } from '@bulwark/lambda';
 * declare const createOrder: import('@bulwark/lambda').StandardSchemaV1<unknown, { id: string }>;
 * const schema: SchemaByMethod<{ id: string }> = { POST: createOrder, PUT: createOrder };
 * export const handler = httpHandler(async (_event, { body }) => body, { schema });
 * ```
 */
export type SchemaByMethod<TBody = unknown> = {
  readonly [method: string]: StandardSchemaV1<unknown, TBody>;
};

/**
 * A dependency whose breaker shapes httpHandler's answers: its `name` and `state` (a `Dependency` from
 * `wrapDependency` fits), and `onBreak` when it has one (to know how long the breaker stays open).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * import { httpHandler, type HttpBreakerDependency } from '@bulwark/lambda';
 * const edna: HttpBreakerDependency = wrapDependency('edna', { breaker: { threshold: 5 } });
 * export const handler = httpHandler(async () => ({ ok: true }), { dependencies: [edna] });
 * ```
 */
export interface HttpBreakerDependency extends BreakerAwareDependency {
  onBreak?(listener: (event: { readonly retryAfterMs: number }) => void): unknown;
}

/**
 * Options of {@link httpHandler} and of the `httpMiddleware` in `@bulwark/lambda/middy`. Every field is
 * optional; {@link DEFAULT_HTTP_HANDLER_OPTIONS} holds the defaults.
 *
 * @example
 * ```ts
 * import { httpHandler, type HttpHandlerOptions } from '@bulwark/lambda';
 * const options: HttpHandlerOptions = { correlationIdHeader: 'x-request-id', typeBase: 'https://errors.example.com/' };
 * export const handler = httpHandler(async () => ({ ok: true }), options);
 * ```
 */
export interface HttpHandlerOptions<TBody = unknown> {
  /**
   * How the request body reaches the handler: `'json'` parses a non-empty body (one that does not parse is
   * answered 400), `'text'` passes the (base64-decoded) string.
   * @defaultValue 'json'
   */
  readonly body?: 'json' | 'text';
  /**
   * A Standard Schema the body must pass, or one per method (`{ POST: createOrder, PUT: updateOrder }`);
   * failures are answered 422 with the field issues. A single schema is not applied to a GET, HEAD, DELETE
   * or OPTIONS request without a body. The handler gets the schema's output as `ctx.body`.
   * @defaultValue undefined
   */
  readonly schema?: StandardSchemaV1<unknown, TBody> | SchemaByMethod<TBody>;
  /**
   * The header the correlation id is read from (and returned in). If absent or unusable, `x-request-id`,
   * then the API Gateway request id, then a random UUID is used.
   * @defaultValue 'x-correlation-id'
   */
  readonly correlationIdHeader?: string;
  /**
   * Base URI of problem types: `type` becomes `typeBase + reason`. Without it, `type` is `about:blank`.
   * @defaultValue undefined
   */
  readonly typeBase?: string;
  /**
   * Time kept in hand before the Lambda timeout: every `wrapDependency` call is bounded by the remaining
   * time minus this margin and `ctx.signal` aborts at the margin; a handler still running at half the margin
   * is abandoned and the request answered 504 rather than timing out. `false` turns the guard off.
   * @defaultValue { safetyMarginMs: 500 }
   */
  readonly deadline?: { readonly safetyMarginMs?: number } | false;
  /**
   * The logger each request's child (correlation id attached) comes from: a Powertools Logger (any 2.x copy)
   * or any `LoggerLike`. Errors reach it only through `serializeError` from `@bulwark/errors`.
   * @defaultValue a `new Logger()` made at construction
   */
  readonly logger?: LoggerLike;
  /**
   * `Retry-After` (seconds) of a 503 whose failure carries no hint (an infrastructure failure, an operator's
   * `forced-open`). Every 503 carries `Retry-After`, clamped into [1, 120] seconds.
   * @defaultValue 5
   */
  readonly defaultRetryAfterSeconds?: number;
  /**
   * Dependencies whose breaker shapes the answer: when a request's transient failure leaves one of them open
   * (the request during which the breaker opened), it is answered like the requests after it: 503,
   * `dependency-down` / `circuit-open`, with `Retry-After`.
   * @defaultValue []
   */
  readonly dependencies?: readonly HttpBreakerDependency[];
  /**
   * How failures are classified (and so which status they get).
   * @defaultValue `classify` from `@bulwark/errors`
   */
  readonly classify?: (error: unknown) => Classification;
}

/**
 * The defaults {@link HttpHandlerOptions} are spread over.
 *
 * @example
 * ```ts
 * import { DEFAULT_HTTP_HANDLER_OPTIONS } from '@bulwark/lambda';
 * console.log(DEFAULT_HTTP_HANDLER_OPTIONS.correlationIdHeader); // 'x-correlation-id'
 * ```
 */
export const DEFAULT_HTTP_HANDLER_OPTIONS = Object.freeze({
  body: 'json',
  correlationIdHeader: 'x-correlation-id',
  deadline: Object.freeze({ safetyMarginMs: 500 }),
  defaultRetryAfterSeconds: 5,
  dependencies: Object.freeze([]) as readonly HttpBreakerDependency[],
} as const);
