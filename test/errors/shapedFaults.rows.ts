// Rows for failures this machine cannot make for real (DNS, routing, other HTTP clients' errors) built
// in the exact shape their libraries throw, plus a few made for real without a socket (a Node timer
// aborted by AbortSignal.timeout, the SDK's real credential provider with no credentials).
import { setTimeout as sleep } from 'node:timers/promises';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DependencyDownError, PermanentError, TransientError } from '@bulwark/errors';
import { type FaultRow, permanent, transient } from './FaultRow.js';

const sysError = (code: string, syscall = 'connect') =>
  Object.assign(new Error(`${syscall} ${code} edna.internal`), { code, syscall, errno: -1 });
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
const undiciError = (name: string, code: string, message: string) =>
  Object.assign(new Error(message), { name, code });
const thrown = (value: unknown) => () => Promise.reject(value);

// axios 1.x: AxiosError with `isAxiosError`, `code`, `response.status`, and AxiosHeaders (a `get` method).
const axiosHeaders = (headers: Record<string, string>) => ({
  ...headers,
  get: (name: string) => headers[name.toLowerCase()],
});
const axiosError = (
  status: number | undefined,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) =>
  Object.assign(new Error(message), {
    name: 'AxiosError',
    isAxiosError: true,
    code,
    ...(status === undefined
      ? {}
      : { response: { status, statusText: 'x', headers: axiosHeaders(headers), data: { secret: 1 } } }),
  });

export function shapedRows(): FaultRow[] {
  return [
    {
      name: 'Node timer aborted by AbortSignal.timeout (AbortError caused by TimeoutError)',
      real: true,
      make: () => sleep(5_000, undefined, { signal: AbortSignal.timeout(10) }),
      expected: transient('timeout'),
    },
    {
      name: "AWS SDK's real fromEnv() credential provider with no credentials",
      real: true,
      make: async () => {
        const saved = { ...process.env };
        for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
          delete process.env[key];
        try {
          return await fromEnv()();
        } finally {
          Object.assign(process.env, saved);
        }
      },
      expected: permanent('credentials', 503, {
        code: 'CredentialsProviderError',
        countsTowardBreaker: false,
      }),
    },
    {
      name: 'DNS: getaddrinfo ENOTFOUND inside fetch failed',
      real: false,
      make: thrown(fetchFailed(sysError('ENOTFOUND', 'getaddrinfo'))),
      expected: transient('network', { code: 'ENOTFOUND' }),
    },
    {
      name: 'DNS: getaddrinfo EAI_AGAIN',
      real: false,
      make: thrown(sysError('EAI_AGAIN', 'getaddrinfo')),
      expected: transient('network', { code: 'EAI_AGAIN' }),
    },
    {
      name: 'routing: EHOSTUNREACH',
      real: false,
      make: thrown(sysError('EHOSTUNREACH')),
      expected: transient('network', { code: 'EHOSTUNREACH' }),
    },
    {
      name: 'routing: ENETUNREACH',
      real: false,
      make: thrown(sysError('ENETUNREACH')),
      expected: transient('network', { code: 'ENETUNREACH' }),
    },
    {
      name: 'write after the peer closed: EPIPE',
      real: false,
      make: thrown(sysError('EPIPE', 'write')),
      expected: transient('network', { code: 'EPIPE' }),
    },
    {
      name: 'connect ETIMEDOUT',
      real: false,
      make: thrown(sysError('ETIMEDOUT')),
      expected: transient('timeout', { code: 'ETIMEDOUT' }),
    },
    {
      name: 'undici ConnectTimeoutError inside fetch failed',
      real: false,
      make: thrown(
        fetchFailed(undiciError('ConnectTimeoutError', 'UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error')),
      ),
      expected: transient('timeout', { code: 'UND_ERR_CONNECT_TIMEOUT' }),
    },
    {
      name: 'undici HeadersTimeoutError inside fetch failed',
      real: false,
      make: thrown(
        fetchFailed(undiciError('HeadersTimeoutError', 'UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error')),
      ),
      expected: transient('timeout', { code: 'UND_ERR_HEADERS_TIMEOUT' }),
    },
    {
      name: 'undici BodyTimeoutError inside TypeError: terminated',
      real: false,
      make: thrown(
        new TypeError('terminated', {
          cause: undiciError('BodyTimeoutError', 'UND_ERR_BODY_TIMEOUT', 'Body Timeout Error'),
        }),
      ),
      expected: transient('timeout', { code: 'UND_ERR_BODY_TIMEOUT' }),
    },
    {
      name: 'undici SocketError (other side closed) inside fetch failed',
      real: false,
      make: thrown(fetchFailed(undiciError('SocketError', 'UND_ERR_SOCKET', 'other side closed'))),
      expected: transient('network', { code: 'UND_ERR_SOCKET' }),
    },
    {
      name: 'fetch failed with no cause',
      real: false,
      make: thrown(new TypeError('fetch failed')),
      expected: transient('network'),
    },
    {
      name: 'happy-eyeballs AggregateError of ECONNREFUSED',
      real: false,
      make: thrown(
        Object.assign(new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], ''), {
          code: 'ECONNREFUSED',
        }),
      ),
      expected: transient('network', { code: 'ECONNREFUSED' }),
    },
    {
      name: 'axios 503 with Retry-After: 4 (AxiosHeaders)',
      real: false,
      make: thrown(
        axiosError(503, 'ERR_BAD_RESPONSE', 'Request failed with status code 503', { 'retry-after': '4' }),
      ),
      expected: transient('server-error', { status: 503, retryAfterMs: 4_000 }),
    },
    {
      name: 'axios 404',
      real: false,
      make: thrown(axiosError(404, 'ERR_BAD_REQUEST', 'Request failed with status code 404')),
      expected: permanent('not-found', 404, { status: 404 }),
    },
    {
      name: 'axios timeout (ECONNABORTED, "timeout of 100ms exceeded")',
      real: false,
      make: thrown(axiosError(undefined, 'ECONNABORTED', 'timeout of 100ms exceeded')),
      expected: transient('timeout', { code: 'ECONNABORTED' }),
    },
    {
      name: 'axios CanceledError (ERR_CANCELED)',
      real: false,
      make: thrown(
        Object.assign(new Error('canceled'), {
          name: 'CanceledError',
          code: 'ERR_CANCELED',
          isAxiosError: true,
        }),
      ),
      expected: {
        kind: 'cancelled',
        retryable: false,
        retryAfterMs: undefined,
        httpStatus: 499,
        countsTowardBreaker: false,
      },
    },
    {
      name: 'got HTTPError 429 with Retry-After: 7 (response.statusCode, plain headers)',
      real: false,
      make: thrown(
        Object.assign(new Error('Response code 429 (Too Many Requests)'), {
          name: 'HTTPError',
          code: 'ERR_NON_2XX_3XX_RESPONSE',
          response: { statusCode: 429, headers: { 'retry-after': '7' }, body: 'secret' },
        }),
      ),
      expected: transient('throttled', { status: 429, retryAfterMs: 7_000 }),
    },
    {
      name: 'got TimeoutError (name TimeoutError, code ETIMEDOUT)',
      real: false,
      make: thrown(
        Object.assign(new Error("Timeout awaiting 'request' for 100ms"), {
          name: 'TimeoutError',
          code: 'ETIMEDOUT',
        }),
      ),
      expected: transient('timeout'),
    },
    {
      name: 'ky HTTPError 502 (response is a fetch Response)',
      real: false,
      make: thrown(
        Object.assign(new Error('Request failed with status code 502 Bad Gateway'), {
          name: 'HTTPError',
          response: new Response(null, { status: 502 }),
        }),
      ),
      expected: transient('server-error', { status: 502 }),
    },
    {
      name: 'ky TimeoutError',
      real: false,
      make: thrown(
        Object.assign(new Error('Request timed out'), {
          name: 'TimeoutError',
          request: new Request('http://edna.test/'),
        }),
      ),
      expected: transient('timeout'),
    },
    {
      name: 'DynamoDB ProvisionedThroughputExceededException',
      real: false,
      make: thrown(
        Object.assign(new Error('Rate exceeded'), {
          name: 'ProvisionedThroughputExceededException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        }),
      ),
      expected: transient('throttled', { status: 400 }),
    },
    {
      name: 'DynamoDB ConditionalCheckFailedException',
      real: false,
      make: thrown(
        Object.assign(new Error('The conditional request failed'), {
          name: 'ConditionalCheckFailedException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        }),
      ),
      expected: permanent('conflict', 409, { status: 400 }),
    },
    {
      name: 'zod-shaped ZodError (issues with path and message)',
      real: false,
      make: thrown(
        Object.assign(new Error('[]'), {
          name: 'ZodError',
          issues: [{ code: 'invalid_type', path: ['id'], message: 'Required' }],
        }),
      ),
      expected: permanent('invalid-input', 400, { code: 'ZodError' }),
    },
    {
      name: 'a Standard Schema failure result thrown as is',
      real: false,
      make: thrown({ issues: [{ message: 'Expected number', path: [{ key: 'qty' }] }] }),
      expected: permanent('invalid-input', 400),
    },
    {
      name: 'our TransientError with retryAfterMs',
      real: false,
      make: thrown(
        new TransientError('edna answered 503', { dependency: 'edna', status: 503, retryAfterMs: 1_500 }),
      ),
      expected: transient('server-error', { status: 503, retryAfterMs: 1_500 }),
    },
    {
      name: 'our DependencyDownError (open circuit, half-opens in 30 s)',
      real: false,
      make: thrown(new DependencyDownError('edna is down', { dependency: 'edna', retryAfterMs: 30_000 })),
      expected: {
        kind: 'dependency-down',
        retryable: false,
        retryAfterMs: 30_000,
        httpStatus: 503,
        reason: 'circuit-open',
        countsTowardBreaker: false,
      },
    },
    {
      name: 'our PermanentError (not found)',
      real: false,
      make: thrown(new PermanentError('no such order', { reason: 'not-found' })),
      expected: permanent('not-found', 404),
    },
    {
      name: 'throw undefined',
      real: false,
      make: thrown(undefined),
      expected: permanent('unknown', 500, { countsTowardBreaker: false }),
    },
    { name: "throw 'a string'", real: false, make: thrown('boom'), expected: permanent('unknown', 500) },
    {
      name: 'throw a plain object',
      real: false,
      make: thrown({ oops: true }),
      expected: permanent('unknown', 500),
    },
    {
      name: 'an unknown Error (a bug)',
      real: false,
      make: thrown(new RangeError('index out of range')),
      expected: permanent('unknown', 500),
    },
  ];
}
