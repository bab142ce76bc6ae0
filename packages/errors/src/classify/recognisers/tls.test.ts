import { describe, expect, it } from 'vitest';
import type { RecogniserContext } from '../Verdict.js';
import { recogniseTls } from './tls.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('recogniseTls', () => {
  it.each([
    'CERT_HAS_EXPIRED',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'ERR_SSL_PACKET_LENGTH_TOO_LONG',
    'EPROTO',
  ])('%s: permanent, counted against the dependency, 503 to our caller', (code) => {
    // Act + Assess
    expect(recogniseTls(withCode(code), context)).toMatchObject({
      kind: 'permanent',
      reason: 'tls',
      code,
      countsTowardBreaker: true,
      httpStatus: 503,
    });
  });

  it('a handshake cut short is transient', () => {
    // Prepare: what Node says when the peer closes during the handshake
    const error = withCode(
      'ECONNRESET',
      'Client network socket disconnected before secure TLS connection was established',
    );
    // Act + Assess
    expect(recogniseTls(error, context)).toMatchObject({
      kind: 'transient',
      reason: 'tls',
      code: 'ECONNRESET',
    });
  });

  it('an OpenSSL record error is transient', () => {
    // Act + Assess
    expect(recogniseTls(withCode('ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC'), context)).toMatchObject({
      kind: 'transient',
      reason: 'tls',
    });
  });

  it('leaves a plain reset alone', () => {
    // Act + Assess
    expect(recogniseTls(withCode('ECONNRESET', 'read ECONNRESET'), context)).toBeUndefined();
  });
});
