import { describe, expect, it } from 'vitest';
import type { RecogniserContext } from '../Verdict.js';
import { recogniseHttpResponse } from './httpResponse.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

describe('recogniseHttpResponse', () => {
  it.each([
    ['a fetch Response', new Response(null, { status: 503, headers: { 'retry-after': '2' } })],
    [
      'a Node IncomingMessage-like (statusCode + headers)',
      { statusCode: 503, headers: { 'retry-after': '2' } },
    ],
    [
      'an axios error (response.status + AxiosHeaders)',
      Object.assign(new Error('Request failed'), {
        isAxiosError: true,
        response: { status: 503, headers: { get: (n: string) => (n === 'retry-after' ? '2' : undefined) } },
      }),
    ],
    [
      'a got HTTPError (response.statusCode)',
      Object.assign(new Error('Response code 503'), {
        name: 'HTTPError',
        response: { statusCode: 503, headers: { 'retry-after': '2' } },
      }),
    ],
    [
      'a ky HTTPError (response is a Response)',
      Object.assign(new Error('Request failed'), {
        name: 'HTTPError',
        response: new Response(null, { status: 503, headers: { 'Retry-After': '2' } }),
      }),
    ],
    ['a string status ("503")', { status: '503', headers: { 'retry-after': '2' } }],
  ])('reads %s', (_label, value) => {
    // Act + Assess
    expect(recogniseHttpResponse(value, context)).toMatchObject({
      kind: 'transient',
      reason: 'server-error',
      status: 503,
      retryAfterMs: 2_000,
    });
  });

  it('reads an Error that carries a bare status (http-errors style)', () => {
    // Act + Assess
    expect(
      recogniseHttpResponse(Object.assign(new Error('Not Found'), { status: 404 }), context),
    ).toMatchObject({
      kind: 'permanent',
      reason: 'not-found',
    });
  });

  it.each([
    ['a plain object with only a status (a Lambda result is not a failure)', { status: 500 }],
    ['a 200 Response', new Response('ok')],
    ['a status that is not a number', { status: 'broken', headers: {} }],
  ])('leaves %s alone', (_label, value) => {
    // Act + Assess
    expect(recogniseHttpResponse(value, context)).toBeUndefined();
  });
});

describe('recogniseHttpResponse: the exact verdicts', () => {
  it('says which status the dependency answered, keeps the client error code, reads the clock for an HTTP-date', () => {
    // Prepare: an axios-shaped error around a 429 that asks for 5 s by date
    const error = Object.assign(new Error('Request failed'), {
      code: 'ERR_BAD_REQUEST',
      response: { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' } },
    });
    // Act + Assess
    expect(recogniseHttpResponse(error, context)).toEqual({
      kind: 'transient',
      reason: 'throttled',
      status: 429,
      message: 'the dependency answered 429',
      retryAfterMs: 5_000,
      code: 'ERR_BAD_REQUEST',
    });
  });

  it('a response wrapped without a code has none', () => {
    // Act + Assess
    expect(
      recogniseHttpResponse(
        Object.assign(new Error('x'), { response: new Response(null, { status: 404 }) }),
        context,
      ),
    ).toEqual({
      kind: 'permanent',
      reason: 'not-found',
      status: 404,
      message: 'the dependency answered 404',
      code: undefined,
    });
  });

  it('an Error with a bare status never reads a Retry-After (it has no headers)', () => {
    // Act + Assess
    expect(recogniseHttpResponse(Object.assign(new Error('busy'), { statusCode: 429 }), context)).toEqual({
      kind: 'transient',
      reason: 'throttled',
      status: 429,
      message: 'the dependency answered 429',
      retryAfterMs: undefined,
    });
  });

  it('status wins over statusCode', () => {
    // Act + Assess
    expect(recogniseHttpResponse({ status: 404, statusCode: 503, headers: {} }, context)?.status).toBe(404);
  });

  it.each([
    ['a four-digit status string', { status: '5030', headers: {} }],
    ['a status string with a prefix', { status: 'x503', headers: {} }],
    ['a status string with a suffix', { statusCode: '503x', headers: {} }],
    ['a status with headers that are not an object', { status: 503, headers: 'retry-after: 2' }],
    ['a bare status on an object with a message but no name', { status: 503, message: 'm' }],
    ['a bare status on an object with a name but no message', { status: 503, name: 'n' }],
    ['a response that is not an object', Object.assign(new Error('x'), { name: 'E', response: 503 })],
  ])('leaves %s alone', (_label, value) => {
    // Act + Assess
    expect(recogniseHttpResponse(value, context)).toBeUndefined();
  });

  it('reads a numeric string statusCode', () => {
    // Act + Assess
    expect(recogniseHttpResponse({ statusCode: '502', headers: {} }, context)).toMatchObject({ status: 502 });
  });
});
