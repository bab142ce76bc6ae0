// TLS: a certificate that fails verification will fail the same way next time (permanent, but it is the
// dependency's health, so it counts toward the breaker); a handshake cut short is transient.

import { readString, readText } from '../safeRead.js';
import type { Recogniser } from '../Verdict.js';

const CERTIFICATE_CODES = new Set([
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
  // Speaking TLS to a plain-HTTP port (OpenSSL 3 says "packet length too long", older ones "wrong
  // version number"): a configuration mistake that repeats on every attempt.
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'EPROTO',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
]);

const HANDSHAKE_CUT = /before secure TLS connection was established/i;

/** TLS certificate and handshake failures. */
export const recogniseTls: Recogniser = (node) => {
  const code = readString(node, 'code');
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return {
      kind: 'permanent',
      reason: 'tls',
      code,
      message: `the TLS certificate or protocol was refused (${code})`,
      countsTowardBreaker: true,
      httpStatus: 503,
    };
  }
  const message = readText(node, 'message');
  if (HANDSHAKE_CUT.test(message) || (code?.startsWith('ERR_SSL_') ?? false)) {
    return {
      kind: 'transient',
      reason: 'tls',
      ...(code === undefined ? {} : { code }),
      message: `the TLS handshake was cut short${code === undefined ? '' : ` (${code})`}`,
    };
  }
  return undefined;
};
