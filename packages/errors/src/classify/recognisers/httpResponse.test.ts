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
