// One core, four front doors: node:http, Express 5, Fastify 5 and Hono (on @hono/node-server) each answer the
// probes and /metrics, hand other paths to the app, and drain an in-flight request on shutdown.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createService, type Service } from '@bulwark/service';
import { expressProbes } from '@bulwark/service/express';
import { fastifyProbes } from '@bulwark/service/fastify';
import { honoProbes } from '@bulwark/service/hono';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { get } from './support/exampleProcess.js';

type SlowRoute = (release: Promise<void>) => Promise<string>;
interface Started {
  readonly port: number;
  readonly stop: () => Promise<void>;
}

const apps: Record<string, (service: Service, slow: SlowRoute) => Promise<Started>> = {
  'node:http': async (service, slow) => {
    const server = service.attach(
      createServer(
        service.requestListener(async (_req, res) => {
          res.end(await slow(Promise.resolve()));
        }),
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, stop: async () => server.closeAllConnections() };
  },
  'express 5': async (service, slow) => {
    const app = express();
    app.use(expressProbes(service));
    app.get('/work', async (_req, res) => {
      res.send(await slow(Promise.resolve()));
    });
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    service.attach(server);
    return { port: (server.address() as AddressInfo).port, stop: async () => server.closeAllConnections() };
  },
  'fastify 5': async (service, slow) => {
    const app = Fastify();
    fastifyProbes(app, service);
    app.get('/work', () => slow(Promise.resolve()));
    await app.listen({ port: 0, host: '127.0.0.1' });
    service.attach(app.server);
    return {
      port: (app.server.address() as AddressInfo).port,
      stop: async () => app.server.closeAllConnections(),
    };
  },
  hono: async (service, slow) => {
    const app = new Hono();
    app.use(honoProbes(service));
    app.get('/work', async (c) => c.text(await slow(Promise.resolve())));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    service.attach(server);
    return {
      port: (server.address() as AddressInfo).port,
      stop: async () => {
        server.close();
      },
    };
  },
};

describe.each(Object.keys(apps))('%s adapter', (name) => {
  it('answers the probes and /metrics, leaves other paths to the app, and drains on shutdown', async () => {
    // Prepare
    const exit = vi.fn<(code: number) => void>();
    const service = createService({
      logger: { info() {}, warn() {}, error() {} },
      shutdown: { graceMs: 500, timeoutMs: 10_000, signals: [], exit },
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const started = await apps[name]?.(service, async () => {
      entered();
      await gate;
      return 'done';
    });
    if (!started) throw new Error(name);
    const { port } = started;
    await service.start();
    try {
      // Act
      const ready = await get(port, '/health/ready');
      const live = await get(port, '/health/live');
      const startup = await get(port, '/health/startup');
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      const metricsText = await metrics.text();
      const work = get(port, '/work');
      await inside;
      const shutdown = service.shutdown('test');
      const readyWhileDraining = await get(port, '/health/ready');
      await new Promise((resolve) => setTimeout(resolve, 900));
      const refused = await get(port, '/health/ready');
      const exitedBeforeRelease = exit.mock.calls.length;
      release();
      const workStatus = await work;
      await shutdown;
      // Assess
      expect([ready, live, startup]).toEqual([200, 200, 200]);
      expect(metrics.status).toBe(200);
      expect(metricsText).toContain('bulwark_service_ready 1');
      expect(readyWhileDraining).toBe(503);
      expect(refused).toBe('ECONNREFUSED');
      expect(exitedBeforeRelease).toBe(0);
      expect(workStatus).toBe(200);
      expect(exit).toHaveBeenCalledExactlyOnceWith(0);
    } finally {
      release();
      await started.stop();
    }
  });
});
