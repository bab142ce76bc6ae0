import { describe, expect, it } from 'vitest';
import type { Classification } from '../Classification.js';
import { createClassifier } from '../classify/createClassifier.js';
import { TransientError } from '../ResilienceError.js';
import { PROBLEM_JSON_CONTENT_TYPE } from './ProblemDetails.js';
import { DEFAULT_PROBLEM_DETAILS_OPTIONS, toProblemDetails } from './toProblemDetails.js';

const SECRET = 'sk_live_51Hsecret';

describe('toProblemDetails', () => {
  it('builds an RFC 9457 body with retryAfter in whole seconds', () => {
    // Prepare
    const response = new Response(null, { status: 429, headers: { 'retry-after': '3' } });
    // Act
    const body = toProblemDetails(response);
    // Assess
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'A dependency is throttling requests; try again later.',
      retryAfter: 3,
      reason: 'throttled',
      kind: 'transient',
    });
  });

  it('rounds a sub-second wait up, so a client never retries early', () => {
    // Act + Assess
    expect(toProblemDetails(new TransientError('x', { retryAfterMs: 1_200 })).retryAfter).toBe(2);
  });

  it('adds instance and a typed URI when asked', () => {
    // Act
    const body = toProblemDetails(new DOMException('t', 'TimeoutError'), {
      instance: 'urn:request:42',
      typeBase: 'https://errors.example.com/',
    });
    // Assess
    expect(body).toMatchObject({
      type: 'https://errors.example.com/timeout',
      instance: 'urn:request:42',
      status: 504,
      title: 'Gateway Timeout',
    });
  });

  it('uses a given classifier', () => {
    // Prepare
    const classifier = createClassifier([{ match: () => true, kind: 'permanent', reason: 'conflict' }]);
    // Act + Assess
    expect(toProblemDetails(new Error('x'), { classifier })).toMatchObject({
      status: 409,
      title: 'Conflict',
    });
  });

  it.each([
    [
      'an Error whose message and stack hold a secret',
      Object.assign(new Error(`token ${SECRET}`), { code: 'ECONNRESET' }),
    ],
    [
      'an upstream body and header values',
      new Response(`{"key":"${SECRET}"}`, {
        status: 500,
        headers: { 'x-api-key': SECRET, 'retry-after': '1' },
      }),
    ],
    [
      'an axios error carrying the request config',
      Object.assign(new Error('x'), {
        config: { headers: { authorization: SECRET } },
        response: { status: 502, headers: {}, data: SECRET },
      }),
    ],
    [
      'our own error with a dependency name and message',
      new TransientError(`edna said ${SECRET}`, { dependency: 'edna-internal-db' }),
    ],
    ['a thrown string', SECRET],
    ['a validation error whose messages echo input', { issues: [{ message: `bad value ${SECRET}` }] }],
  ])('leaks nothing from %s', (_label, error) => {
    // Act
    const text = JSON.stringify(toProblemDetails(error));
    // Assess
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('edna-internal-db');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(text).not.toContain('stack');
  });

  it('never answers 401 or 403', () => {
    // Act + Assess
    for (const status of [401, 403]) {
      expect(toProblemDetails(new Response(null, { status })).status).toBe(500);
    }
  });

  it('exports the media type and its defaults', () => {
    // Assess
    expect(PROBLEM_JSON_CONTENT_TYPE).toBe('application/problem+json');
    expect(typeof DEFAULT_PROBLEM_DETAILS_OPTIONS.classifier).toBe('function');
  });
});

describe('toProblemDetails detail and options', () => {
  const as =
    (kind: string, reason: string, httpStatus = 503, retryAfterMs?: number) =>
    (): Classification =>
      ({
        kind,
        reason,
        httpStatus,
        retryAfterMs,
        retryable: false,
        countsTowardBreaker: false,
        message: 'x',
      }) as Classification;

  it.each([
    ['transient', 'timeout', 'A dependency did not answer in time; try again later.'],
    ['transient', 'throttled', 'A dependency is throttling requests; try again later.'],
    ['transient', 'network', 'A dependency failed; try again later.'],
    ['dependency-down', 'bulkhead-full', 'Too many requests are in flight; try again later.'],
    ['dependency-down', 'circuit-open', 'A dependency is unavailable; try again later.'],
    ['permanent', 'invalid-input', 'The request failed validation.'],
    ['permanent', 'not-found', 'The requested resource was not found.'],
    ['permanent', 'conflict', 'The request conflicts with the current state of the resource.'],
    ['permanent', 'bad-request', 'The request could not be processed.'],
    ['permanent', 'tls', 'A dependency could not be reached securely.'],
    ['permanent', 'credentials', 'The service could not authenticate to a dependency.'],
    ['permanent', 'unknown', 'The request could not be completed.'],
    ['cancelled', 'cancelled', 'The request was cancelled.'],
    ['some-new-kind', 'unknown', 'The request could not be completed.'],
  ])('%s/%s reads "%s"', (kind, reason, detail) => {
    // Act
    const body = toProblemDetails(new Error('x'), { classifier: as(kind, reason) });
    // Assess
    expect(body.detail).toBe(detail);
    expect(body.title).toBe('Service Unavailable');
    expect(Object.hasOwn(body, 'instance')).toBe(false);
    expect(Object.hasOwn(body, 'retryAfter')).toBe(false);
  });

  it('titles the body from its status', () => {
    // Act + Assess
    expect(toProblemDetails(new Error('x'), { classifier: as('permanent', 'not-found', 404) }).title).toBe(
      'Not Found',
    );
  });

  it('rounds retryAfter up to whole seconds', () => {
    // Act + Assess
    expect(toProblemDetails(0, { classifier: as('transient', 'throttled', 503, 1_000) }).retryAfter).toBe(1);
    expect(toProblemDetails(0, { classifier: as('transient', 'throttled', 503, 1_001) }).retryAfter).toBe(2);
  });

  it.each([
    [{ instance: 42 }, 'toProblemDetails: instance must be a string, got 42'],
    [{ typeBase: true }, 'toProblemDetails: typeBase must be a string, got true'],
    [
      { classifier: 'classify' },
      'toProblemDetails: classifier must be a function (from createClassifier), got "classify"',
    ],
    [
      { typeBas: 'https://errors.example/' },
      'toProblemDetails: unknown option "typeBas"; did you mean "typeBase"? Valid: instance, typeBase, classifier',
    ],
    ['strict', 'toProblemDetails: options must be an object, got "strict"'],
  ])('refuses %j with a TypeError naming the field', (options, message) => {
    // Act + Assess
    expect(() => toProblemDetails(new Error('x'), options as never)).toThrow(new TypeError(message));
  });

  it('accepts each option as a string or a function', () => {
    // Act
    const body = toProblemDetails(new Error('x'), {
      instance: 'urn:request:1',
      typeBase: 'https://e.example/',
    });
    // Assess
    expect(body).toMatchObject({ instance: 'urn:request:1', type: 'https://e.example/unknown' });
  });
});
