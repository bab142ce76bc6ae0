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

describe('recogniseNetwork messages (the text a caller reads in classification.message)', () => {
  it.each([
    ['ECONNRESET', 'network', 'the connection was reset (ECONNRESET)'],
    ['ECONNREFUSED', 'network', 'the connection was refused (ECONNREFUSED)'],
    ['ECONNABORTED', 'network', 'the connection was aborted (ECONNABORTED)'],
    ['EPIPE', 'network', 'the connection closed while writing (EPIPE)'],
    ['ENOTFOUND', 'network', 'the host name did not resolve (ENOTFOUND)'],
    ['EAI_AGAIN', 'network', 'DNS lookup failed temporarily (EAI_AGAIN)'],
    ['EAI_FAIL', 'network', 'DNS lookup failed (EAI_FAIL)'],
    ['EHOSTUNREACH', 'network', 'the host is unreachable (EHOSTUNREACH)'],
    ['EHOSTDOWN', 'network', 'the host is down (EHOSTDOWN)'],
    ['ENETUNREACH', 'network', 'the network is unreachable (ENETUNREACH)'],
    ['ENETDOWN', 'network', 'the network is down (ENETDOWN)'],
    ['ENETRESET', 'network', 'the network dropped the connection (ENETRESET)'],
    ['EADDRNOTAVAIL', 'network', 'no local address was available (EADDRNOTAVAIL)'],
    ['UND_ERR_SOCKET', 'network', 'the socket failed (UND_ERR_SOCKET)'],
    ['UND_ERR_CLOSED', 'network', 'the client was closed (UND_ERR_CLOSED)'],
    ['ERR_STREAM_PREMATURE_CLOSE', 'network', 'the stream closed early (ERR_STREAM_PREMATURE_CLOSE)'],
    ['ERR_HTTP2_STREAM_ERROR', 'network', 'the HTTP/2 stream failed (ERR_HTTP2_STREAM_ERROR)'],
    ['ERR_HTTP2_GOAWAY_SESSION', 'network', 'the HTTP/2 session went away (ERR_HTTP2_GOAWAY_SESSION)'],
    ['ERR_HTTP2_SESSION_ERROR', 'network', 'the HTTP/2 session failed (ERR_HTTP2_SESSION_ERROR)'],
    ['HPE_INVALID_CONSTANT', 'network', 'the response could not be parsed (HPE_INVALID_CONSTANT)'],
    ['HPE_INVALID_HEADER_TOKEN', 'network', 'the response could not be parsed (HPE_INVALID_HEADER_TOKEN)'],
    [
      'HPE_UNEXPECTED_CONTENT_LENGTH',
      'network',
      'the response could not be parsed (HPE_UNEXPECTED_CONTENT_LENGTH)',
    ],
    ['ETIMEDOUT', 'timeout', 'the connection timed out (ETIMEDOUT)'],
    ['ESOCKETTIMEDOUT', 'timeout', 'the socket timed out (ESOCKETTIMEDOUT)'],
    ['ERR_SOCKET_CONNECTION_TIMEOUT', 'timeout', 'the connection timed out (ERR_SOCKET_CONNECTION_TIMEOUT)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'connecting timed out (UND_ERR_CONNECT_TIMEOUT)'],
    [
      'UND_ERR_HEADERS_TIMEOUT',
      'timeout',
      'waiting for response headers timed out (UND_ERR_HEADERS_TIMEOUT)',
    ],
    ['UND_ERR_BODY_TIMEOUT', 'timeout', 'waiting for the response body timed out (UND_ERR_BODY_TIMEOUT)'],
    ['ERR_TLS_HANDSHAKE_TIMEOUT', 'timeout', 'the TLS handshake timed out (ERR_TLS_HANDSHAKE_TIMEOUT)'],
  ])('%s: transient %s, "%s"', (code, reason, message) => {
    // Act + Assess
    expect(recogniseNetwork(withCode(code), context)).toEqual({ kind: 'transient', reason, code, message });
  });

  it.each([
    ['timeout of 100ms exceeded', 'timeout', 'the request timed out (ECONNABORTED)'],
    ['TIMEOUT of 100ms exceeded', 'timeout', 'the request timed out (ECONNABORTED)'],
    ['socket hang up', 'network', 'the connection was aborted (ECONNABORTED)'],
  ])('reads ECONNABORTED with message %j as %s', (text, reason, message) => {
    // Act + Assess
    expect(recogniseNetwork(withCode('ECONNABORTED', text), context)).toEqual({
      kind: 'transient',
      reason,
      code: 'ECONNABORTED',
      message,
    });
  });

  it('reads a timeout message only on ECONNABORTED (another code keeps its own reason)', () => {
    // Act + Assess
    expect(recogniseNetwork(withCode('ECONNRESET', 'timeout of 100ms exceeded'), context)).toMatchObject({
      reason: 'network',
    });
  });

  it('reads ECONNABORTED without a message as a network failure', () => {
    // Prepare
    const error = { code: 'ECONNABORTED' };
    // Act + Assess
    expect(recogniseNetwork(error, context)).toMatchObject({ reason: 'network' });
  });
});

describe('recogniseFetchFailed messages', () => {
  it.each(['fetch failed', 'terminated'])(
    'TypeError: %s reads "the request failed on the network (%s)"',
    (text) => {
      // Act + Assess
      expect(recogniseFetchFailed(new TypeError(text), context)).toEqual({
        kind: 'transient',
        reason: 'network',
        message: `the request failed on the network (${text})`,
        weak: true,
      });
    },
  );

  it('leaves an Error (not a TypeError) saying "fetch failed" alone', () => {
    // Act + Assess
    expect(recogniseFetchFailed(new Error('fetch failed'), context)).toBeUndefined();
  });
});

describe('recogniseNetwork and codes that name Object.prototype members', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'leaves code %s alone',
    (code) => {
      // Act + Assess
      expect(recogniseNetwork(withCode(code), context)).toBeUndefined();
    },
  );
});
