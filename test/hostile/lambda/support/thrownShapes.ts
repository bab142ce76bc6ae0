// Errors shaped like the ones real HTTP and AWS clients throw, each with a secret planted where that client
// puts one (headers, config, URL query or userinfo, bodies, `$response`, `$metadata`), for the planted-secret
// property tests. A shape is built per run so each run plants a fresh secret.

import fc from 'fast-check';

export type ShapeName =
  | 'axios'
  | 'got'
  | 'ky'
  | 'undici-fetch'
  | 'undici-response'
  | 'aws-sdk-v3'
  | 'request-headers'
  | 'url-query';

const named = (name: string, message: string, extra: Record<string, unknown>): Error =>
  Object.assign(new Error(message), { name }, extra);

export const SHAPES: Readonly<Record<ShapeName, (secret: string) => unknown>> = {
  axios: (s) => {
    const config = {
      url: `https://api.example.com/v1/charges?api_key=${s}`,
      headers: { Authorization: `Bearer ${s}`, 'X-Api-Key': s },
      auth: { username: 'svc', password: s },
    };
    return named('AxiosError', 'Request failed with status code 500', {
      isAxiosError: true,
      code: 'ERR_BAD_RESPONSE',
      config,
      request: { _header: `POST /v1/charges?api_key=${s} HTTP/1.1\r\nAuthorization: Bearer ${s}\r\n` },
      response: {
        status: 500,
        headers: { 'set-cookie': [`session=${s}; HttpOnly`] },
        data: { error: 'boom', token: s },
        config,
      },
      toJSON: () => ({ message: 'Request failed', config }),
    });
  },
  got: (s) =>
    named('HTTPError', 'Response code 503 (Service Unavailable)', {
      code: 'ERR_NON_2XX_3XX_RESPONSE',
      options: {
        headers: { authorization: `Basic ${s}` },
        url: new URL(`https://user:${s}@api.example.com/v1/orders?token=${s}`),
      },
      response: { statusCode: 503, headers: { 'x-session': s }, body: `{"secret":"${s}"}`, rawBody: s },
      timings: { start: 0 },
    }),
  ky: (s) => {
    const url = `https://api.example.com/v1/orders?api_key=${s}`;
    return named('HTTPError', `Request failed with status code 403 Forbidden: GET ${url}`, {
      request: new Request(url, { headers: { authorization: `Bearer ${s}`, cookie: `sid=${s}` } }),
      response: new Response(JSON.stringify({ secret: s }), {
        status: 403,
        headers: { 'set-cookie': `sid=${s}` },
      }),
      options: { headers: { authorization: `Bearer ${s}` }, searchParams: { api_key: s } },
    });
  },
  'undici-fetch': (s) =>
    new TypeError('fetch failed', {
      cause: Object.assign(
        new TypeError(`Failed to parse URL from https://svc:${s}@api.example.com/v1?access_token=${s}`),
        { code: 'ERR_INVALID_URL', input: `https://svc:${s}@api.example.com/v1?access_token=${s}` },
      ),
    }),
  'undici-response': (s) =>
    named('ResponseError', 'Response Error', {
      code: 'UND_ERR_RESPONSE',
      statusCode: 502,
      headers: { 'set-cookie': `sid=${s}`, authorization: s },
      body: { token: s },
    }),
  'aws-sdk-v3': (s) =>
    named('AccessDeniedException', 'User is not authorized to perform: dynamodb:PutItem', {
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-1', extendedRequestId: s, cfId: s, attempts: 1 },
      $response: {
        statusCode: 400,
        headers: { 'x-amz-security-token': s, authorization: `AWS4-HMAC-SHA256 Signature=${s}` },
        body: s,
      },
      __type: 'AccessDeniedException',
    }),
  'request-headers': (s) =>
    named('Error', 'upstream refused the request', {
      request: new Request(`https://api.example.com/v1?key=${s}`, {
        headers: { Authorization: `Bearer ${s}`, 'x-api-key': s },
      }),
    }),
  'url-query': (s) => new Error(`GET https://api.example.com/v1/orders?access_token=${s}&page=2 failed`),
};

export type Wrap = 'direct' | 'cause' | 'plain-object';

/** How the client error reaches the handler's caller: thrown as is, as the cause of ours, or as a non-Error. */
export function wrap(shape: unknown, how: Wrap): unknown {
  if (how === 'direct') return shape;
  if (how === 'cause') return new Error('charging the order failed', { cause: shape });
  return { ...(shape as object), message: (shape as Error).message, name: (shape as Error).name };
}

/** A secret no redaction pattern could guess: random letters and digits, long enough to be unique. */
export const secretArb = fc.stringMatching(/^[A-Za-z0-9]{20,32}$/).map((s) => `Sx${s}`);

export const thrownArb = fc.record({
  secret: secretArb,
  shape: fc.constantFrom(...(Object.keys(SHAPES) as ShapeName[])),
  how: fc.constantFrom<Wrap>('direct', 'cause', 'plain-object'),
});

export function build(input: { secret: string; shape: ShapeName; how: Wrap }): unknown {
  return wrap(SHAPES[input.shape](input.secret), input.how);
}
