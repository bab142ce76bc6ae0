// Socket-level failures from Node, undici and the HTTP clients built on them, read from `code`.

import { readString, readText } from '../safeRead.js';
import type { Recogniser, Verdict } from '../Verdict.js';

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'the connection was refused',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection closed while writing',
  ENOTFOUND: 'the host name did not resolve',
  EAI_AGAIN: 'DNS lookup failed temporarily',
  EAI_FAIL: 'DNS lookup failed',
  EHOSTUNREACH: 'the host is unreachable',
  EHOSTDOWN: 'the host is down',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  ENETRESET: 'the network dropped the connection',
  EADDRNOTAVAIL: 'no local address was available',
  UND_ERR_SOCKET: 'the socket failed',
  UND_ERR_CLOSED: 'the client was closed',
  ERR_STREAM_PREMATURE_CLOSE: 'the stream closed early',
  ERR_HTTP2_STREAM_ERROR: 'the HTTP/2 stream failed',
  ERR_HTTP2_GOAWAY_SESSION: 'the HTTP/2 session went away',
  ERR_HTTP2_SESSION_ERROR: 'the HTTP/2 session failed',
  HPE_INVALID_CONSTANT: 'the response could not be parsed',
  HPE_INVALID_HEADER_TOKEN: 'the response could not be parsed',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'the response could not be parsed',
};

const TIMEOUT_CODES: Readonly<Record<string, string>> = {
  ETIMEDOUT: 'the connection timed out',
  ESOCKETTIMEDOUT: 'the socket timed out',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'waiting for response headers timed out',
  UND_ERR_BODY_TIMEOUT: 'waiting for the response body timed out',
  ERR_TLS_HANDSHAKE_TIMEOUT: 'the TLS handshake timed out',
};

// Own keys only: `code` is whatever the thrower wrote, and `constructor` or `toString` must not read as a
// table entry inherited from Object.prototype (it did: a transient timeout, retried and counted).
function lookup(table: Readonly<Record<string, string>>, code: string): string | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

/** Node/undici network codes: transient, counted, 503 (timeouts 504). */
export const recogniseNetwork: Recogniser = (node) => {
  const code = readString(node, 'code');
  // Stryker disable next-line ConditionalExpression: without it the own-key lookups find no "undefined" entry and return undefined all the same
  if (code === undefined) return undefined;
  const timeout = lookup(TIMEOUT_CODES, code);
  if (timeout !== undefined)
    return { kind: 'transient', reason: 'timeout', code, message: `${timeout} (${code})` };
  const network = lookup(NETWORK_CODES, code);
  if (network === undefined) return undefined;
  // axios reports its own timeout as ECONNABORTED with a "timeout of Nms exceeded" message.
  if (code === 'ECONNABORTED' && /timeout/i.test(readText(node, 'message'))) {
    return { kind: 'transient', reason: 'timeout', code, message: `the request timed out (${code})` };
  }
  const verdict: Verdict = { kind: 'transient', reason: 'network', code, message: `${network} (${code})` };
  return verdict;
};

/**
 * undici's `TypeError: fetch failed` (and `terminated` for a body cut short): a network failure, but a
 * weak one, so the `cause` that names the socket code wins when there is one.
 */
export const recogniseFetchFailed: Recogniser = (node) => {
  if (readString(node, 'name') !== 'TypeError') return undefined;
  const message = readString(node, 'message');
  if (message === 'fetch failed' || message === 'terminated') {
    return {
      kind: 'transient',
      reason: 'network',
      message: `the request failed on the network (${message})`,
      weak: true,
    };
  }
  return undefined;
};
