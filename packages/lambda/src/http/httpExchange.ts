// The steps of one HTTP exchange, shared by httpHandler and the middy middleware: open (event shape,
// correlation id, child logger, deadline), read the body, answer with a result or with problem details.

import type { Context } from 'aws-lambda';
import { DeadlineGuard, knownDeadline, type RemainingTime } from '../deadline/DeadlineGuard.js';
import { childLogger, type LoggerLike } from '../internal/LoggerLike.js';
import { validate } from '../schema/validate.js';
import { correlationIdOf } from './correlationId.js';
import type { HttpRequestContext } from './HttpRequestContext.js';
import {
  type HttpEventView,
  type LambdaHttpResponse,
  viewHttpEvent,
  writeHttpResponse,
} from './httpEvent.js';
import { InvalidRequestError } from './InvalidRequestError.js';
import type { NormalizedHttpOptions } from './normalizeHttpOptions.js';

export { errorResponse } from './errorResponse.js';

export interface HttpExchange {
  readonly view: HttpEventView;
  readonly correlationId: string;
  readonly controller: AbortController;
  readonly guard: DeadlineGuard | undefined;
  readonly budget: RemainingTime | undefined;
  readonly lambdaContext: Context | undefined;
  logger(): LoggerLike;
}

const NO_BUDGET = () => Number.POSITIVE_INFINITY;

export function openExchange<TBody>(
  event: unknown,
  context: Context | undefined,
  opts: NormalizedHttpOptions<TBody>,
): HttpExchange {
  const view = viewHttpEvent(event);
  const correlationId = correlationIdOf(view, opts.correlationIdHeader);
  // A remaining time that is not a finite number (NaN) means no deadline known: no guard.
  const lambdaContext = knownDeadline(context);
  const guard =
    opts.safetyMarginMs !== undefined && lambdaContext !== undefined
      ? new DeadlineGuard(lambdaContext, opts.safetyMarginMs, 0)
      : undefined;
  let child: LoggerLike | undefined;
  return {
    view,
    correlationId,
    controller: new AbortController(),
    guard,
    budget: guard === undefined ? undefined : { getRemainingTimeInMillis: () => guard.budgetMs() },
    lambdaContext: context,
    logger() {
      if (child === undefined) {
        try {
          child = childLogger(opts.logger, correlationId);
        } catch {
          child = opts.logger;
        }
      }
      return child;
    },
  };
}

export async function readBody<TBody>(x: HttpExchange, opts: NormalizedHttpOptions<TBody>): Promise<TBody> {
  const text = x.view.bodyText();
  let value: unknown = text;
  if (opts.body === 'json' && text !== undefined) {
    try {
      value = JSON.parse(text);
    } catch (cause: unknown) {
      throw new InvalidRequestError(
        'The request body is not valid JSON.',
        [{ path: '', message: 'the body is not valid JSON' }],
        { status: 400, cause },
      );
    }
  }
  const schema = opts.schemaFor(x.view.method.toUpperCase(), text !== undefined);
  if (schema === undefined) return value as TBody;
  const outcome = await validate(schema, value);
  if (!outcome.ok)
    // Stryker disable next-line ObjectLiteral: 422 is InvalidRequestError's default; said here for the reader
    throw new InvalidRequestError('The request body failed validation.', outcome.issues, { status: 422 });
  return outcome.value;
}

export function requestContext<TBody>(x: HttpExchange, body: TBody): HttpRequestContext<TBody> {
  const guard = x.guard;
  return {
    body,
    correlationId: x.correlationId,
    get logger() {
      return x.logger();
    },
    lambdaContext: x.lambdaContext,
    signal: x.controller.signal,
    source: x.view.source,
    method: x.view.method,
    path: x.view.path,
    pathParameters: x.view.pathParameters,
    query: x.view.query,
    header: (name) => x.view.header(name),
    remainingMs: guard === undefined ? NO_BUDGET : () => guard.budgetMs(),
  };
}

const isHttpResult = (
  value: unknown,
): value is {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
  isBase64Encoded?: boolean;
  cookies?: readonly string[];
} =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as { statusCode?: unknown }).statusCode) &&
  (value as { statusCode: number }).statusCode >= 100 &&
  (value as { statusCode: number }).statusCode <= 599;

/** A handler's return value as a Lambda response: HttpResult as given, undefined as 204, anything else as JSON 200. */
export function resultResponse(
  x: HttpExchange,
  result: unknown,
  correlationIdHeader: string,
): LambdaHttpResponse {
  if (isHttpResult(result)) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {}))
      headers[name.toLowerCase()] = String(value);
    headers[correlationIdHeader] ??= x.correlationId;
    let body = '';
    if (typeof result.body === 'string') body = result.body;
    else if (result.body !== undefined) {
      body = JSON.stringify(result.body);
      headers['content-type'] ??= 'application/json';
    }
    return writeHttpResponse(x.view, result.statusCode, headers, body, {
      isBase64Encoded: result.isBase64Encoded,
      cookies: result.cookies,
    });
  }
  const headers: Record<string, string> = { [correlationIdHeader]: x.correlationId };
  if (result === undefined) return writeHttpResponse(x.view, 204, headers, '');
  headers['content-type'] = 'application/json';
  return writeHttpResponse(x.view, 200, headers, JSON.stringify(result));
}
