// What httpHandler accepts, its documented defaults, and the normalised form.

import type { Logger } from '@aws-lambda-powertools/logger';
import type { Classification } from '@bulwark/errors';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';

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
   * A Standard Schema the body must pass; failures are answered 422 with the field issues. The handler gets
   * the schema's output as `ctx.body`.
   * @defaultValue undefined
   */
  readonly schema?: StandardSchemaV1<unknown, TBody>;
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
   * The Powertools Logger each request's child (correlation id attached) comes from.
   * @defaultValue a `new Logger()` made at construction
   */
  readonly logger?: Logger;
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
} as const);
