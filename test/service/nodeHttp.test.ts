// The probes over a real node:http server, with a dependency that calls a real upstream socket.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wrapDependency } from '@bulwark/policies';
import { createService } from '@bulwark/service';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';

const quietLogger = { info() {}, warn() {}, error() {} };
let server: Server | undefined;
let upstream: FaultServer | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  await upstream?.close();
  server = undefined;
  upstream = undefined;
});

async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('@bulwark/service on node:http', () => {
  it('answers readiness from the breaker of a dependency calling a real upstream', async () => {
    // Prepare
    upstream = await startFaultServer(() => ({
      status: 503,
      body: { error: 'db password=hunter2 rejected' },
    }));
    const service = createService({ logger: quietLogger, shutdown: { signals: [] } });
    const payments = service.dependency(
      wrapDependency('payments', { logger: false, retry: false, breaker: { threshold: 1 } }),
    );
    const upstreamUrl = upstream.url;
    server = createServer(
      service.requestListener(async (_req, res) => {
        const answer = await payments.fetch(`${upstreamUrl}/charge`).then(
          () => 200,
          () => 502,
        );
        res.writeHead(answer).end();
      }),
    );
    service.attach(server);
    const base = await listen(server);
    await service.start();
    // Act
    const before = await fetch(`${base}/health/ready`);
    const call = await fetch(`${base}/orders`);
    const after = await fetch(`${base}/health/ready`);
    const live = await fetch(`${base}/health/live`);
    const body = await after.text();
    // Assess
    expect(before.status).toBe(200);
    expect(call.status).toBe(502);
    expect(after.status).toBe(503);
    expect(after.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(body)).toMatchObject({
      status: 'fail',
      dependencies: [{ name: 'payments', critical: true, state: 'open' }],
    });
    expect(body).not.toContain('hunter2');
    expect(live.status).toBe(200);
    await before.text();
    await live.text();
  });

  it('hands every other path to the app, and answers 404 without one', async () => {
    // Prepare
    const service = createService({ logger: quietLogger, shutdown: { signals: [] } });
    server = createServer(service.requestListener());
    const base = await listen(server);
    // Act
    const res = await fetch(`${base}/health/ready?verbose=1`);
    const other = await fetch(`${base}/anything`);
    // Assess
    expect(res.status).toBe(503);
    expect(other.status).toBe(404);
    await res.text();
    await other.text();
  });
});
