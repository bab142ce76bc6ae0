import { describe, expect, it } from 'vitest';
import { createClassifier } from '../classify/createClassifier.js';
import { DependencyDownError, PermanentError, TransientError } from '../ResilienceError.js';
import { toHttpStatus } from './toHttpStatus.js';

const sys = (code: string) => Object.assign(new Error(code), { code });

describe('toHttpStatus', () => {
  it.each([
    ['a reset socket', sys('ECONNRESET'), 503],
    ['DNS', sys('ENOTFOUND'), 503],
    ['an expired certificate', sys('CERT_HAS_EXPIRED'), 503],
    ['an attempt timeout', new DOMException('t', 'TimeoutError'), 504],
    ['a dependency 504', new Response(null, { status: 504 }), 504],
    ['throttling by a dependency', new Response(null, { status: 429 }), 503],
    ['an open circuit', new DependencyDownError('down'), 503],
    [
      'a credentials provider failure',
      Object.assign(new Error('x'), { name: 'CredentialsProviderError' }),
      503,
    ],
    ["a dependency's 401", new Response(null, { status: 401 }), 500],
    ["a dependency's 403", new Response(null, { status: 403 }), 500],
    [
      'our own PermanentError(401) passed through',
      new PermanentError('x', { status: 401, reason: 'credentials' }),
      500,
    ],
    ["a dependency's 400 (our request was wrong)", new Response(null, { status: 400 }), 500],
    ['invalid input', { issues: [{ message: 'x' }] }, 400],
    ['not found', new Response(null, { status: 404 }), 404],
    ['a conflict', new Response(null, { status: 409 }), 409],
    ['our bad-request error without upstream status', new PermanentError('no id'), 400],
    ['the caller cancelled', new DOMException('a', 'AbortError'), 499],
    ['an unknown bug', new RangeError('x'), 500],
    ['a thrown string', 'boom', 500],
    ['a transient error of ours', new TransientError('x'), 503],
  ])('%s -> %i', (_label, error, status) => {
    // Act + Assess
    expect(toHttpStatus(error)).toBe(status);
  });

  it('uses a given classifier', () => {
    // Prepare
    const classifier = createClassifier([{ match: () => true, kind: 'permanent', httpStatus: 422 }]);
    // Act + Assess
    expect(toHttpStatus(new Error('x'), classifier)).toBe(422);
  });
});
