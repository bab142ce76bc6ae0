// docs/errors.md's table is the user's contract: this test builds the error each row's Key names,
// classifies it, and fails when a column disagrees, so the doc cannot drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from './classify/classify.js';
import { toProblemDetails } from './http/toProblemDetails.js';
import { DependencyDownError, PermanentError, TransientError } from './ResilienceError.js';

const sys = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
const response = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });
const aws = (name: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    ...extra,
  });
const brand = (key: string, message = 'x') => Object.assign(new Error(message), { [key]: true });

/** Key (as the doc shows it, without backticks) -> the real error value that row is about. */
const EXAMPLES: Readonly<Record<string, () => unknown>> = {
  ECONNRESET: () => fetchFailed(sys('ECONNRESET', 'read ECONNRESET')),
  ECONNREFUSED: () => fetchFailed(sys('ECONNREFUSED')),
  EPIPE: () => sys('EPIPE', 'write EPIPE'),
  ENOTFOUND: () => fetchFailed(sys('ENOTFOUND', 'getaddrinfo ENOTFOUND edna.internal')),
  EAI_AGAIN: () => sys('EAI_AGAIN', 'getaddrinfo EAI_AGAIN edna.internal'),
  EHOSTUNREACH: () => sys('EHOSTUNREACH'),
  ENETUNREACH: () => sys('ENETUNREACH'),
  ETIMEDOUT: () => sys('ETIMEDOUT'),
  UND_ERR_CONNECT_TIMEOUT: () => fetchFailed(sys('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error')),
  UND_ERR_HEADERS_TIMEOUT: () => fetchFailed(sys('UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error')),
  UND_ERR_BODY_TIMEOUT: () =>
    new TypeError('terminated', { cause: sys('UND_ERR_BODY_TIMEOUT', 'Body Timeout Error') }),
  UND_ERR_SOCKET: () => fetchFailed(sys('UND_ERR_SOCKET', 'other side closed')),
  'fetch failed': () => new TypeError('fetch failed'),
  'tls-handshake-cut': () =>
    fetchFailed(
      sys('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established'),
    ),
  CERT_HAS_EXPIRED: () => fetchFailed(sys('CERT_HAS_EXPIRED', 'certificate has expired')),
  DEPTH_ZERO_SELF_SIGNED_CERT: () =>
    fetchFailed(sys('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')),
  ERR_TLS_CERT_ALTNAME_INVALID: () =>
    sys('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
  'AbortSignal.timeout': () => new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
  'AbortController.abort': () => new DOMException('This operation was aborted', 'AbortError'),
  'HTTP 408': () => response(408),
  'HTTP 429 Retry-After: 3': () => response(429, { 'retry-after': '3' }),
  'HTTP 500': () => response(500),
  'HTTP 502': () => response(502),
  'HTTP 503 Retry-After: 86400': () => response(503, { 'retry-after': '86400' }),
  'HTTP 504': () => response(504),
  'HTTP 400': () => response(400),
  'HTTP 401': () => response(401),
  'HTTP 403': () => response(403),
  'HTTP 404': () => response(404),
  'HTTP 409': () => response(409),
  'HTTP 410': () => response(410),
  'HTTP 413': () => response(413),
  'HTTP 422': () => response(422),
  'HTTP 501': () => response(501),
  ThrottlingException: () => aws('ThrottlingException', 400, { $retryable: { throttling: true } }),
  InternalServerError: () => aws('InternalServerError', 500),
  ValidationException: () => aws('ValidationException', 400),
  ResourceNotFoundException: () => aws('ResourceNotFoundException', 400),
  ConditionalCheckFailedException: () => aws('ConditionalCheckFailedException', 400),
  AccessDeniedException: () => aws('AccessDeniedException', 400),
  CredentialsProviderError: () =>
    Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
      tryNextLink: false,
    }),
  'smithy TimeoutError': () =>
    Object.assign(new Error('a request has exceeded the configured 50 ms requestTimeout'), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    }),
  'axios 503': () =>
    Object.assign(new Error('Request failed with status code 503'), {
      isAxiosError: true,
      code: 'ERR_BAD_RESPONSE',
      response: { status: 503, headers: {} },
    }),
  'axios timeout': () =>
    Object.assign(new Error('timeout of 100ms exceeded'), { isAxiosError: true, code: 'ECONNABORTED' }),
  'got 429 Retry-After: 7': () =>
    Object.assign(new Error('Response code 429 (Too Many Requests)'), {
      name: 'HTTPError',
      response: { statusCode: 429, headers: { 'retry-after': '7' } },
    }),
  'ky 404': () =>
    Object.assign(new Error('Request failed with status code 404'), {
      name: 'HTTPError',
      response: response(404),
    }),
  BrokenCircuitError: () => brand('isBrokenCircuitError'),
  IsolatedCircuitError: () => Object.assign(brand('isBrokenCircuitError'), { isIsolatedCircuitError: true }),
  BulkheadRejectedError: () => brand('isBulkheadRejectedError'),
  'TaskCancelledError timeout': () => brand('isTaskCancelledError', 'Operation timed out after 20ms'),
  'TaskCancelledError cancel': () => brand('isTaskCancelledError', 'Operation cancelled'),
  issues: () => ({ issues: [{ message: 'Required', path: ['id'] }] }),
  TransientError: () => new TransientError('vendor asked for a retry'),
  DependencyDownError: () => new DependencyDownError('edna is down', { retryAfterMs: 30_000 }),
  'retries exhausted on 429': () =>
    new DependencyDownError('edna: retries exhausted', {
      reason: 'retries-exhausted',
      cause: response(429, { 'retry-after': '30' }),
    }),
  PermanentError: () => new PermanentError('order has no id'),
  'throw undefined': () => undefined,
  "throw 'string'": () => 'boom',
  'unknown Error': () => new RangeError('index out of range'),
};

interface Row {
  key: string;
  kind: string;
  reason: string;
  retried: boolean;
  counts: boolean;
  httpStatus: number;
  retryAfterSeconds: number | undefined;
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
const yesNo = (cell: string, key: string): boolean => {
  if (cell !== 'yes' && cell !== 'no') throw new Error(`row ${key}: expected yes or no, got "${cell}"`);
  return cell === 'yes';
};

function readTable(): Row[] {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const start = doc.search(
    /^\|\s*Key\s*\|\s*Source\s*\|\s*Kind\s*\|\s*Reason\s*\|\s*Retried\?\s*\|\s*Counts toward breaker\?\s*\|\s*Our caller sees\s*\|/m,
  );
  if (start < 0) throw new Error('docs/errors.md has lost its table header');
  const lines = doc.slice(start).split('\n');
  const rows: Row[] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length !== 7) throw new Error(`a table row has ${cells.length} cells, not 7: ${line}`);
    const [key, , kind, reason, retried, counts, sees] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const seen = /^(\d{3})(?:, Retry-After (\d+) s)?$/.exec(sees);
    if (seen?.[1] === undefined) throw new Error(`row ${key}: cannot read "${sees}"`);
    rows.push({
      key: unquote(key),
      kind: unquote(kind),
      reason: unquote(reason),
      retried: yesNo(retried, key),
      counts: yesNo(counts, key),
      httpStatus: Number(seen[1]),
      retryAfterSeconds: seen[2] === undefined ? undefined : Number(seen[2]),
    });
  }
  return rows;
}

const rows = readTable();

describe('docs/errors.md classification table', () => {
  it('has a row for every example and an example for every row', () => {
    // Assess
    expect(rows.map((row) => row.key).sort()).toEqual(Object.keys(EXAMPLES).sort());
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('$key: $kind/$reason, retried $retried, counted $counts, caller sees $httpStatus', (row) => {
    // Prepare
    const make = EXAMPLES[row.key];
    if (make === undefined) throw new Error(`no example for ${row.key}`);
    const error = make();
    // Act
    const got = classify(error);
    const problem = toProblemDetails(error);
    // Assess
    expect({
      kind: got.kind,
      reason: got.reason,
      retried: got.retryable,
      counts: got.countsTowardBreaker,
      httpStatus: got.httpStatus,
      retryAfterSeconds: problem.retryAfter,
    }).toEqual({
      kind: row.kind,
      reason: row.reason,
      retried: row.retried,
      counts: row.counts,
      httpStatus: row.httpStatus,
      retryAfterSeconds: row.retryAfterSeconds,
    });
  });
});
