import type { Context } from 'aws-lambda';
import type { LoggerLike } from '../internal/LoggerLike.js';
import type { HttpEvent, HttpEventSource } from './httpEvent.js';

/**
 * The second argument of an HTTP handler.
 *
 * @example
 * ```ts
 * import { httpHandler } from '@bulwark/lambda';
 * export const handler = httpHandler(async (_event, ctx) => {
 *   ctx.logger.info('creating order', { method: ctx.method, path: ctx.path });
 *   return { statusCode: 201, body: { correlationId: ctx.correlationId } };
 * });
 * ```
 */
export interface HttpRequestContext<TBody = unknown> {
  /** The parsed body (`undefined` when there is none), the text (`body: 'text'`), or the schema's output. */
  readonly body: TBody;
  /** Read from the request (see `correlationIdHeader`) or made; returned in the response header. */
  readonly correlationId: string;
  /** A child of the handler's logger with the correlation id attached (made on first use). */
  readonly logger: LoggerLike;
  readonly lambdaContext: Context | undefined;
  /** Aborts when the deadline guard answers 504: stop work. */
  readonly signal: AbortSignal;
  readonly source: HttpEventSource;
  readonly method: string;
  readonly path: string;
  /** Path parameters of the route (`/orders/{id}`): API Gateway REST and HTTP API; `{}` for ALB. */
  readonly pathParameters: Readonly<Record<string, string>>;
  /**
   * The query string, one value per name: API Gateway HTTP API joins repeated names with commas, REST keeps
   * the last; ALB values are URL-decoded here. `{}` when there is none.
   */
  readonly query: Readonly<Record<string, string>>;
  /** A request header, by case-insensitive name. */
  header(name: string): string | undefined;
  /** Milliseconds left before the deadline guard's safety margin (`Infinity` without a Lambda context). */
  remainingMs(): number;
}

/**
 * An HTTP handler: gets the raw event and its {@link HttpRequestContext}; returns an `HttpResult`
 * (`{ statusCode, headers?, body? }`), any other value (answered 200 as JSON), or nothing (204). Throw to
 * fail: the error is answered as `application/problem+json`.
 *
 * @example
 * ```ts
 * import type { HttpRouteHandler } from '@bulwark/lambda';
 * const getOrder: HttpRouteHandler = async (_event, { path }) => ({ id: path.split('/').at(-1) });
 * ```
 */
export type HttpRouteHandler<TBody = unknown, TResult = unknown> = (
  event: HttpEvent,
  ctx: HttpRequestContext<TBody>,
) => Promise<TResult> | TResult;
