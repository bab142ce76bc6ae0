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

describe('recogniseTls: the certificate and protocol table, code by code', () => {
  it.each([
    // Node / OpenSSL certificate verification codes (`error.code` on a TLS socket's error)
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_REVOKED',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'CERT_SIGNATURE_FAILURE',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'HOSTNAME_MISMATCH',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    // protocol mismatches that repeat on every attempt
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'ERR_SSL_PACKET_LENGTH_TOO_LONG',
    'EPROTO',
    'ERR_SSL_UNSUPPORTED_PROTOCOL',
    'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  ])('%s is refused for good, and says which code', (code) => {
    // Act + Assess
    expect(recogniseTls(withCode(code, 'whatever the socket said'), context)).toEqual({
      kind: 'permanent',
      reason: 'tls',
      code,
      message: `the TLS certificate or protocol was refused (${code})`,
      countsTowardBreaker: true,
      httpStatus: 503,
    });
  });

  it('a handshake cut short names its code', () => {
    // Prepare
    const error = withCode(
      'ECONNRESET',
      'Client network socket disconnected before secure TLS connection was established',
    );
    // Act + Assess
    expect(recogniseTls(error, context)).toEqual({
      kind: 'transient',
      reason: 'tls',
      code: 'ECONNRESET',
      message: 'the TLS handshake was cut short (ECONNRESET)',
    });
  });

  it('a handshake cut short without a code has no code', () => {
    // Prepare
    const error = new Error('socket hang up before secure TLS connection was established');
    // Act + Assess
    expect(recogniseTls(error, context)).toEqual({
      kind: 'transient',
      reason: 'tls',
      message: 'the TLS handshake was cut short',
    });
  });

  it('an OpenSSL error code outside the table is a transient handshake failure naming it', () => {
    // Act + Assess
    expect(recogniseTls(withCode('ERR_SSL_BAD_RECORD_MAC', 'decryption failed'), context)).toEqual({
      kind: 'transient',
      reason: 'tls',
      code: 'ERR_SSL_BAD_RECORD_MAC',
      message: 'the TLS handshake was cut short (ERR_SSL_BAD_RECORD_MAC)',
    });
  });

  it.each([
    ['no code and an unrelated message', new Error('boom')],
    ['a code that only ends like OpenSSL', withCode('X_ERR_SSL_', 'x')],
    ['no message at all', { code: 'ECONNRESET' }],
  ])('%s is not TLS', (_label, error) => {
    // Act + Assess
    expect(recogniseTls(error, context)).toBeUndefined();
  });
});
