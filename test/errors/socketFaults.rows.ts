// Rows made for real against local sockets and servers: resets, hangs, refusals, garbage, TLS, real
// fetch Responses for each status, and the real AWS SDK's own timeout.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { type FaultRow, permanent, transient } from './FaultRow.js';
import type { Running, TlsFixture } from './localServers.js';

export interface SocketEnv {
  reset: Running;
  close: Running;
  hang: Running;
  garbage: Running;
  status: Running;
  closedPort: number;
  tls: TlsFixture;
  selfSigned: Running;
  wrongHost: Running;
  expired: Running;
  /** The fixed clock the HTTP-date row's classifier reads. */
  nowMs: number;
}

const fakeCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

function ssmAt(endpoint: string, requestTimeout?: number): SSMClient {
  return new SSMClient({
    region: 'eu-west-1',
    endpoint,
    credentials: fakeCredentials,
    maxAttempts: 1,
    ...(requestTimeout === undefined
      ? {}
      : { requestHandler: new NodeHttpHandler({ requestTimeout, throwOnRequestTimeout: true }) }),
  });
}

/** node:https GET with our own trust settings (fetch cannot take a CA without undici's Agent). */
function httpsGet(url: string, ca?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ...(ca === undefined ? {} : { ca }), timeout: 2_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

function httpGet(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

const fetchStatus = (env: () => SocketEnv, code: number, retryAfter?: string) => async () => {
  const query = retryAfter === undefined ? '' : `?retryAfter=${encodeURIComponent(retryAfter)}`;
  return fetch(`${env().status.url}/status/${code}${query}`);
};

export function socketRows(env: () => SocketEnv): FaultRow[] {
  return [
    {
      name: 'fetch to a server that resets the connection',
      real: true,
      make: () => fetch(`${env().reset.url}/`),
      expected: transient('network', { code: 'ECONNRESET' }),
    },
    {
      name: 'node:http request to a server that resets the connection',
      real: true,
      make: () => httpGet(`${env().reset.url}/`),
      expected: transient('network', { code: 'ECONNRESET' }),
    },
    {
      name: 'fetch to a closed port',
      real: true,
      make: () => fetch(`http://127.0.0.1:${env().closedPort}/`),
      expected: transient('network', { code: 'ECONNREFUSED' }),
    },
    {
      name: 'node:http request to a closed port',
      real: true,
      make: () => httpGet(`http://127.0.0.1:${env().closedPort}/`),
      expected: transient('network', { code: 'ECONNREFUSED' }),
    },
    {
      name: 'fetch with AbortSignal.timeout against a server that never answers',
      real: true,
      make: () => fetch(`${env().hang.url}/`, { signal: AbortSignal.timeout(50) }),
      expected: transient('timeout', { code: 'TimeoutError' }),
    },
    {
      name: "fetch cancelled by the caller's own AbortController",
      real: true,
      make: () => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 30);
        return fetch(`${env().hang.url}/`, { signal: controller.signal });
      },
      expected: {
        kind: 'cancelled',
        retryable: false,
        retryAfterMs: undefined,
        httpStatus: 499,
        reason: 'cancelled',
        countsTowardBreaker: false,
      },
    },
    {
      name: 'response body cut by a reset after the headers',
      real: true,
      make: async () => {
        const response = await fetch(`${env().status.url}/reset-mid-body`);
        return response.text();
      },
      expected: transient('network'),
    },
    {
      name: 'fetch to a server that answers bytes that are not HTTP',
      real: true,
      make: () => fetch(`${env().garbage.url}/`),
      expected: transient('network'),
    },
    {
      name: 'https fetch to a server that closes during the TLS handshake',
      real: true,
      make: () => fetch(`https://127.0.0.1:${env().close.port}/`),
      expected: transient('tls', { code: 'ECONNRESET' }),
    },
    {
      name: 'https fetch to a self-signed certificate',
      real: true,
      make: () => fetch(`${env().selfSigned.url}/`),
      expected: permanent('tls', 503, { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', countsTowardBreaker: true }),
    },
    {
      name: 'https fetch to a plain-HTTP port',
      real: true,
      make: () => fetch(`https://127.0.0.1:${env().status.port}/status/200`),
      expected: permanent('tls', 503, { countsTowardBreaker: true }),
    },
    {
      name: 'https request to a certificate for another host name',
      real: true,
      make: () => httpsGet(`${env().wrongHost.url}/`, env().tls.wrongHost.cert),
      expected: permanent('tls', 503, { code: 'ERR_TLS_CERT_ALTNAME_INVALID', countsTowardBreaker: true }),
    },
    {
      name: 'https request to an expired certificate',
      real: true,
      make: () => httpsGet(`${env().expired.url}/`, env().tls.expired.cert),
      expected: permanent('tls', 503, { code: 'CERT_HAS_EXPIRED', countsTowardBreaker: true }),
    },
    {
      name: 'AWS SDK (real SSMClient) requestTimeout against a server that never answers',
      real: true,
      make: () => ssmAt(env().hang.url, 50).send(new GetParameterCommand({ Name: '/x' })),
      expected: transient('timeout', { code: 'ETIMEDOUT' }),
    },
    {
      name: 'AWS SDK (real SSMClient) against a closed port',
      real: true,
      make: () => ssmAt(`http://127.0.0.1:${env().closedPort}`).send(new GetParameterCommand({ Name: '/x' })),
      expected: transient('network', { code: 'ECONNREFUSED' }),
    },
    {
      name: 'AWS SDK (real SSMClient) against a server that resets',
      real: true,
      make: () => ssmAt(env().reset.url).send(new GetParameterCommand({ Name: '/x' })),
      expected: transient('network', { code: 'ECONNRESET' }),
    },
    // Real fetch Responses from a local node:http server, one per status.
    {
      name: 'real Response 408',
      real: true,
      make: fetchStatus(env, 408),
      expected: transient('timeout', { status: 408 }),
    },
    {
      name: 'real Response 429 with Retry-After: 3 (seconds)',
      real: true,
      make: fetchStatus(env, 429, '3'),
      expected: transient('throttled', { status: 429, retryAfterMs: 3_000 }),
    },
    {
      name: 'real Response 429 with Retry-After as an HTTP-date 30 s ahead',
      real: true,
      make: () => fetchStatus(env, 429, new Date(env().nowMs + 30_000).toUTCString())(),
      expected: transient('throttled', { status: 429, retryAfterMs: 30_000 }),
    },
    {
      name: 'real Response 503 with Retry-After: 86400 (clamped to two minutes)',
      real: true,
      make: fetchStatus(env, 503, '86400'),
      expected: transient('server-error', { status: 503, retryAfterMs: 120_000 }),
    },
    {
      name: 'real Response 500',
      real: true,
      make: fetchStatus(env, 500),
      expected: transient('server-error', { status: 500 }),
    },
    {
      name: 'real Response 502',
      real: true,
      make: fetchStatus(env, 502),
      expected: transient('server-error', { status: 502 }),
    },
    {
      name: 'real Response 503',
      real: true,
      make: fetchStatus(env, 503),
      expected: transient('server-error', { status: 503 }),
    },
    {
      name: 'real Response 504',
      real: true,
      make: fetchStatus(env, 504),
      expected: transient('timeout', { status: 504 }),
    },
    {
      name: 'real Response 400',
      real: true,
      make: fetchStatus(env, 400),
      expected: permanent('bad-request', 500, { status: 400 }),
    },
    {
      name: 'real Response 401',
      real: true,
      make: fetchStatus(env, 401),
      expected: permanent('credentials', 500, { status: 401 }),
    },
    {
      name: 'real Response 403',
      real: true,
      make: fetchStatus(env, 403),
      expected: permanent('credentials', 500, { status: 403 }),
    },
    {
      name: 'real Response 404',
      real: true,
      make: fetchStatus(env, 404),
      expected: permanent('not-found', 404, { status: 404 }),
    },
    {
      name: 'real Response 409',
      real: true,
      make: fetchStatus(env, 409),
      expected: permanent('conflict', 409, { status: 409 }),
    },
    {
      name: 'real Response 410',
      real: true,
      make: fetchStatus(env, 410),
      expected: permanent('not-found', 404, { status: 410 }),
    },
    {
      name: 'real Response 413',
      real: true,
      make: fetchStatus(env, 413),
      expected: permanent('bad-request', 500, { status: 413 }),
    },
    {
      name: 'real Response 422',
      real: true,
      make: fetchStatus(env, 422),
      expected: permanent('bad-request', 500, { status: 422 }),
    },
  ];
}
