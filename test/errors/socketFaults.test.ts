// The real-socket half of the fault matrix: every failure here was produced by a real socket, server,
// TLS handshake or client on 127.0.0.1, then classified.
import { createClassifier } from '@bulwark/errors';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectClassification, failureOf } from './FaultRow.js';
import {
  closedPort,
  makeTlsFixture,
  startCloseServer,
  startGarbageServer,
  startHangServer,
  startResetServer,
  startStatusServer,
  startTlsServer,
} from './localServers.js';
import { type SocketEnv, socketRows } from './socketFaults.rows.js';

let env: SocketEnv | undefined;
const current = (): SocketEnv => {
  if (env === undefined) throw new Error('servers not started');
  return env;
};
// A whole second, so the HTTP-date (second precision) round-trips exactly.
const NOW_MS = Math.floor(Date.now() / 1000) * 1000;
const classify = createClassifier([], { now: () => NOW_MS });

beforeAll(async () => {
  const tls = makeTlsFixture();
  env = {
    reset: await startResetServer(),
    close: await startCloseServer(),
    hang: await startHangServer(),
    garbage: await startGarbageServer(),
    status: await startStatusServer(),
    closedPort: await closedPort(),
    tls,
    selfSigned: await startTlsServer(tls.selfSigned),
    wrongHost: await startTlsServer(tls.wrongHost),
    expired: await startTlsServer(tls.expired),
    nowMs: NOW_MS,
  };
});

afterAll(async () => {
  if (env === undefined) return;
  const { tls, closedPort: _port, nowMs: _now, ...servers } = env;
  await Promise.all(Object.values(servers).map((server) => server.close()));
  tls.remove();
});

describe('fault matrix: real sockets and servers', () => {
  it.each(socketRows(current))('$name', async ({ make, expected }) => {
    // Prepare + Act: make the failure for real
    const failure = await failureOf(make);
    // Assess
    expectClassification(classify(failure), expected);
  });
});
