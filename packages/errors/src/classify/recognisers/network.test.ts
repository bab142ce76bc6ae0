import { describe, expect, it } from 'vitest';
import type { RecogniserContext } from '../Verdict.js';
import { recogniseFetchFailed, recogniseNetwork } from './network.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

const withCode = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

describe('recogniseNetwork', () => {
  it.each([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
    'ECONNABORTED',
  ])('%s is a transient network failure', (code) => {
    // Act
    const verdict = recogniseNetwork(withCode(code), context);
    // Assess
    expect(verdict).toMatchObject({ kind: 'transient', reason: 'network', code });
  });

  it.each([
    'ETIMEDOUT',
    'ESOCKETTIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'ERR_SOCKET_CONNECTION_TIMEOUT',
  ])('%s is a transient timeout', (code) => {
    // Act + Assess
    expect(recogniseNetwork(withCode(code), context)).toMatchObject({
      kind: 'transient',
      reason: 'timeout',
      code,
    });
  });

  it("reads axios's ECONNABORTED timeout as a timeout", () => {
    // Act + Assess
    expect(recogniseNetwork(withCode('ECONNABORTED', 'timeout of 100ms exceeded'), context)).toMatchObject({
      reason: 'timeout',
    });
  });

  it.each([
    ['an unknown code', withCode('E_SOMETHING_ELSE')],
    ['no code', new Error('x')],
    ['a numeric code', Object.assign(new Error('x'), { code: 42 })],
  ])('leaves %s alone', (_label, error) => {
    // Act + Assess
    expect(recogniseNetwork(error, context)).toBeUndefined();
  });
});

describe('recogniseFetchFailed', () => {
  it.each(['fetch failed', 'terminated'])('TypeError: %s is a weak network failure', (message) => {
    // Act + Assess
    expect(recogniseFetchFailed(new TypeError(message), context)).toMatchObject({
      kind: 'transient',
      reason: 'network',
      weak: true,
    });
  });

  it('leaves other TypeErrors alone (a bug is not a network failure)', () => {
    // Act + Assess
    expect(recogniseFetchFailed(new TypeError('x is not a function'), context)).toBeUndefined();
  });
});
