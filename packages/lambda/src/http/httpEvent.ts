// Reads the three HTTP event shapes Lambda receives (API Gateway REST v1, HTTP API v2, ALB) through one view,
// and writes a response in the shape each one expects.

import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { showValue as show } from '../internal/showValue.js';

/**
 * An HTTP event `httpHandler` accepts.
 *
 * @example
 * ```ts
 * import type { HttpEvent } from '@bulwark/lambda';
 * const method = (e: HttpEvent) => ('httpMethod' in e ? e.httpMethod : e.requestContext.http.method);
 * ```
 */
export type HttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | ALBEvent;

/**
 * Which event shape arrived: API Gateway REST (payload 1.0), HTTP API (payload 2.0), or an ALB target.
 *
 * @example
 * ```ts
 * import { httpHandler } from '@bulwark/lambda';
 * export const handler = httpHandler(async (_event, { source }) => ({ source }));
 * ```
 */
export type HttpEventSource = 'api-gateway-rest' | 'api-gateway-http' | 'alb';

/**
 * What `httpHandler` sends back: the shape all three event sources accept. `body` may be any JSON value
 * (it is serialised, with `content-type: application/json`), or a string sent as is.
 *
 * @example
 * ```ts
 * import { httpHandler, type HttpResult } from '@bulwark/lambda';
 * export const handler = httpHandler(async (): Promise<HttpResult> => ({ statusCode: 201, body: { id: 7 } }));
 * ```
 */
export interface HttpResult {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string | number | boolean>>;
  readonly body?: unknown;
  readonly isBase64Encoded?: boolean;
  /** HTTP API v2 only: `Set-Cookie` values. */
  readonly cookies?: readonly string[];
}

/** The response object handed back to Lambda. */
export interface LambdaHttpResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
  cookies?: string[];
}

export interface HttpEventView {
  readonly source: HttpEventSource;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** ALB with multi-value headers on: the response must use `multiValueHeaders` too. */
  readonly multiValue: boolean;
  header(name: string): string | undefined;
  /** The body as text (base64 decoded), or undefined when there is none. */
  bodyText(): string | undefined;
}

export function viewHttpEvent(event: unknown): HttpEventView {
  if (typeof event !== 'object' || event === null) {
    throw new TypeError(
      `httpHandler: expected an API Gateway REST, HTTP API (v2) or ALB event; got ${show(event)}.`,
    );
  }
  const e = event as Record<string, unknown> & { requestContext?: Record<string, unknown> | null };
  const rc = e.requestContext;
  if (
    e.version === '2.0' &&
    typeof rc === 'object' &&
    rc !== null &&
    typeof rc.http === 'object' &&
    rc.http !== null
  ) {
    const v2 = event as APIGatewayProxyEventV2;
    const headers = lowerKeys(v2.headers ?? {});
    return {
      source: 'api-gateway-http',
      method: v2.requestContext.http.method,
      path: v2.rawPath ?? v2.requestContext.http.path,
      requestId: v2.requestContext.requestId,
      pathParameters: strings(v2.pathParameters),
      query: strings(v2.queryStringParameters),
      multiValue: false,
      header: (name) => headers[name.toLowerCase()],
      bodyText: () => decode(v2.body, v2.isBase64Encoded),
    };
  }
  if (typeof e.httpMethod === 'string' && typeof rc === 'object' && rc !== null) {
    const isAlb = typeof rc.elb === 'object' && rc.elb !== null;
    const v1 = event as APIGatewayProxyEvent | ALBEvent;
    const single = lowerKeys((v1.headers ?? {}) as Record<string, string | undefined>);
    const multi = lowerKeysMulti((v1.multiValueHeaders ?? {}) as Record<string, string[] | undefined>);
    return {
      source: isAlb ? 'alb' : 'api-gateway-rest',
      method: v1.httpMethod,
      path: v1.path,
      requestId: isAlb ? undefined : (v1 as APIGatewayProxyEvent).requestContext.requestId,
      // ALB has no routes, so no path parameters; it passes query values URL-encoded, as sent.
      pathParameters: isAlb ? {} : strings((v1 as APIGatewayProxyEvent).pathParameters),
      query: isAlb
        ? albQuery(v1.queryStringParameters, v1.multiValueQueryStringParameters)
        : strings(v1.queryStringParameters),
      multiValue: isAlb && v1.headers === undefined && v1.multiValueHeaders !== undefined,
      header: (name) => single[name.toLowerCase()] ?? multi[name.toLowerCase()]?.[0],
      bodyText: () => decode(v1.body ?? undefined, v1.isBase64Encoded),
    };
  }
  throw new TypeError(
    `httpHandler: expected an API Gateway REST, HTTP API (v2) or ALB event; got an object with keys ${show(Object.keys(e).slice(0, 8))}. Is this function wired to an HTTP trigger?`,
  );
}

/** A null-prototype copy with the string values only (events give null for "none"). */
function strings(values: Record<string, string | undefined> | null | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (typeof values !== 'object' || values === null) return out;
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v;
  return out;
}

function albQuery(
  single: Record<string, string | undefined> | null | undefined,
  multi: Record<string, string[] | undefined> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const firsts: Record<string, string | undefined> = { ...(single ?? {}) };
  for (const [k, v] of Object.entries(multi ?? {})) if (firsts[k] === undefined) firsts[k] = v?.[0];
  for (const [k, v] of Object.entries(firsts)) if (typeof v === 'string') out[uriDecode(k)] = uriDecode(v);
  return out;
}

function uriDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function decode(body: string | null | undefined, base64: boolean | undefined): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  return base64 ? Buffer.from(body, 'base64').toString('utf8') : body;
}

function lowerKeys(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

function lowerKeysMulti(headers: Record<string, string[] | undefined>): Record<string, string[] | undefined> {
  const out: Record<string, string[] | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Shapes a result for the event source it answers. */
export function writeHttpResponse(
  view: HttpEventView,
  statusCode: number,
  headers: Record<string, string>,
  body: string,
  extra: { isBase64Encoded?: boolean | undefined; cookies?: readonly string[] | undefined } = {},
): LambdaHttpResponse {
  const response: LambdaHttpResponse = {
    statusCode,
    body,
    isBase64Encoded: extra.isBase64Encoded ?? false,
  };
  if (view.multiValue) {
    response.multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  } else {
    response.headers = headers;
  }
  if (view.source === 'alb')
    response.statusDescription = `${statusCode} ${STATUS_TEXT[statusCode] ?? ''}`.trim();
  if (view.source === 'api-gateway-http' && extra.cookies !== undefined)
    response.cookies = [...extra.cookies];
  return response;
}
