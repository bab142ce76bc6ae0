import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * Input of {@link apiGatewayV2Event}: any event field, plus `method`, `path` and a non-string `body`.
 *
 * @example
 * ```ts
 * const input: HttpEventInput = { method: 'POST', path: '/orders', body: { id: 7 }, headers: { 'x-tenant': 'a' } };
 * ```
 */
export interface HttpEventInput {
  /** @defaultValue 'GET' */
  readonly method?: string;
  /** Path, optionally with `?query`. @defaultValue '/' */
  readonly path?: string;
  /** A string as is; anything else JSON-encoded (and `content-type: application/json` added). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Builds an API Gateway HTTP API (payload format 2.0) event.
 *
 * @example
 * ```ts
 * const event = apiGatewayV2Event({ method: 'POST', path: '/orders?dryRun=1', body: { id: 7 } });
 * event.requestContext.http.method; // 'POST'
 * event.queryStringParameters; // { dryRun: '1' }
 * ```
 */
export function apiGatewayV2Event(
  input: HttpEventInput & Partial<Omit<APIGatewayProxyEventV2, 'body' | 'headers'>> = {},
): APIGatewayProxyEventV2 {
  const { method = 'GET', path = '/', body, headers, ...rest } = input;
  const { pathname, query, rawQueryString } = splitPath(path, 'apiGatewayV2Event');
  const encoded = encodeBody(body);
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: pathname,
    rawQueryString,
    cookies: [],
    headers: {
      host: 'api.bulwark.test',
      'user-agent': 'bulwark-test',
      ...(encoded.json ? { 'content-type': 'application/json' } : {}),
      ...lowerCase(headers),
    },
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'bulwarkapi',
      domainName: 'api.bulwark.test',
      domainPrefix: 'api',
      http: {
        method: method.toUpperCase(),
        path: pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'bulwark-test',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
    ...(encoded.body === undefined ? {} : { body: encoded.body }),
    ...rest,
  };
}

/** Splits `/a/b?x=1` into its path and query parts; shared by the HTTP event builders. */
export function splitPath(
  path: string,
  where: string,
): {
  pathname: string;
  query: Record<string, string>;
  multiQuery: Record<string, string[]>;
  rawQueryString: string;
} {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(`${where}: path must start with '/', got ${String(path)}`);
  }
  const url = new URL(path, 'https://api.bulwark.test');
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) {
    query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
    multiQuery[key] = [...(multiQuery[key] ?? []), value];
  }
  return { pathname: url.pathname, query, multiQuery, rawQueryString: url.search.slice(1) };
}

/** Encodes an event body: strings as they are, other values as JSON. */
export function encodeBody(body: unknown): { body: string | undefined; json: boolean } {
  if (body === undefined || body === null) return { body: undefined, json: false };
  if (typeof body === 'string') return { body, json: false };
  return { body: JSON.stringify(body), json: true };
}

/** Header names lower-cased, as API Gateway v2 and ALB deliver them. */
export function lowerCase(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}
