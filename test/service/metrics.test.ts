// /metrics as Prometheus scrapes it: parsed by a text-format parser, carrying the documented names, with
// dependency metrics named after @bulwark/policies' DEPENDENCY_METRIC_NAMES.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransientError } from '@bulwark/errors';
import { DEPENDENCY_METRIC_NAMES, wrapDependency } from '@bulwark/policies';
import { createService, SERVICE_METRIC_NAMES } from '@bulwark/service';
import parse from 'parse-prometheus-text-format';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';

const quietLogger = { info() {}, warn() {}, error() {} };
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function scrape(service: ReturnType<typeof createService>, app?: Parameters<typeof createServer>[1]) {
  server = createServer(service.requestListener(app));
  service.attach(server);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    metrics: async () => {
      const res = await fetch(`${base}/metrics`);
      return { res, text: await res.text() };
    },
  };
}

const family = (families: ReturnType<typeof parse>, name: string) => {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name} in /metrics`);
  return found;
};

describe('/metrics', () => {
  it('names a counter after every DEPENDENCY_METRIC_NAMES entry', () => {
    // Assess
    expect(Object.keys(SERVICE_METRIC_NAMES.dependencyEvents).sort()).toEqual(
      Object.keys(DEPENDENCY_METRIC_NAMES).sort(),
    );
    expect(SERVICE_METRIC_NAMES.dependencyEvents).toEqual({
      onRetry: 'bulwark_dependency_retry_total',
      onGiveUp: 'bulwark_dependency_give_up_total',
      onBreak: 'bulwark_breaker_opened_total',
      onHalfOpen: 'bulwark_breaker_half_open_total',
      onReset: 'bulwark_breaker_closed_total',
      onTimeout: 'bulwark_dependency_timeout_total',
      onFallback: 'bulwark_dependency_fallback_total',
      onBudgetExhausted: 'bulwark_retry_budget_exhausted_total',
    });
  });

  it('parses, carries every documented name, and counts what the dependencies did', async () => {
    // Prepare
    const service = createService({ logger: quietLogger, shutdown: { signals: [] } });
    const payments = service.dependency(
      wrapDependency('payments', {
        logger: false,
        retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
        breaker: { threshold: 2 },
      }),
    );
    const search = service.dependency(
      wrapDependency('search', { logger: false, retry: false, fallback: () => [] }),
      { critical: false },
    );
    const { base, metrics } = await scrape(service, async (_req, res) => {
      await payments.execute(async () => 'ok');
      res.writeHead(201).end();
    });
    await service.start();
    await (await fetch(`${base}/orders`, { method: 'POST' })).text();
    await (await fetch(`${base}/health/ready`)).text();
    await payments.execute(() => Promise.reject(new TransientError('503'))).catch(() => undefined);
    await search.execute(() => Promise.reject(new TransientError('503')));
    // Act
    const { res, text } = await metrics();
    const families = parse(text);
    // Assess
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const documented = [
      ...Object.values(SERVICE_METRIC_NAMES.dependencyEvents),
      ...Object.values(SERVICE_METRIC_NAMES).flatMap((v) => (typeof v === 'string' ? [v] : [])),
    ];
    expect(families.map((f) => f.name).sort()).toEqual([...documented].sort());
    for (const f of families) expect(f.help, f.name).not.toBe('');

    const value = (name: string, labels: Record<string, string>) =>
      family(families, name).metrics.find((m) =>
        Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
      )?.value;
    expect(family(families, 'bulwark_breaker_opened_total').type).toBe('COUNTER');
    expect(value('bulwark_breaker_opened_total', { dependency: 'payments' })).toBe('1');
    expect(value('bulwark_dependency_retry_total', { dependency: 'payments' })).toBe('1');
    expect(value('bulwark_dependency_fallback_total', { dependency: 'search' })).toBe('1');
    expect(value('bulwark_dependency_calls_total', { dependency: 'payments' })).toBe('2');
    expect(value('bulwark_dependency_attempts_total', { dependency: 'payments' })).toBe('3');
    expect(value('bulwark_breaker_state', { dependency: 'payments', state: 'open' })).toBe('1');
    expect(value('bulwark_breaker_state', { dependency: 'payments', state: 'closed' })).toBe('0');
    expect(value('bulwark_service_ready', {})).toBe('0');
    expect(value('bulwark_http_requests_in_flight', {})).toBe('1'); // the scrape itself

    // Durations are histograms. The parser folds labelled histograms into one sample, so the per-label
    // series are read from the text it accepted.
    expect(family(families, SERVICE_METRIC_NAMES.dependencyCallDuration).type).toBe('HISTOGRAM');
    expect(family(families, SERVICE_METRIC_NAMES.httpRequestDuration).type).toBe('HISTOGRAM');
    const lines = text.split('\n');
    expect(lines).toContain(
      'bulwark_dependency_call_duration_seconds_count{dependency="payments",outcome="success"} 1',
    );
    expect(lines).toContain(
      'bulwark_dependency_call_duration_seconds_count{dependency="payments",outcome="error"} 1',
    );
    expect(lines).toContain(
      'bulwark_dependency_call_duration_seconds_count{dependency="search",outcome="success"} 1',
    );
    expect(lines).toContain('bulwark_http_request_duration_seconds_count{method="POST",status_code="201"} 1');
    // Probes and scrapes are not application traffic.
    expect(text).not.toMatch(/bulwark_http_request_duration_seconds_count\{method="GET"/);
    expect(text).not.toMatch(/^process_/m);
  });

  it('adds process metrics only when asked, and appends other registries', async () => {
    // Prepare
    const mine = new Registry();
    new Counter({ name: 'orders_created_total', help: 'Orders created.', registers: [mine] }).inc(3);
    const service = createService({
      logger: quietLogger,
      shutdown: { signals: [] },
      metrics: { processMetrics: true, include: [mine] },
    });
    const { metrics } = await scrape(service);
    // Act
    const families = parse((await metrics()).text);
    // Assess
    expect(family(families, 'process_cpu_user_seconds_total').type).toBe('COUNTER');
    expect(family(families, 'orders_created_total').metrics[0]?.value).toBe('3');
  });

  it('escapes a hostile dependency name so the exposition still parses', async () => {
    // Prepare
    const service = createService({ logger: quietLogger, shutdown: { signals: [] } });
    const name = 'pay"ments\nbulwark_service_ready 1\\';
    service.dependency({ name, state: 'closed', stats: () => ({ inFlight: 0 }) });
    const { metrics } = await scrape(service);
    // Act
    const families = parse((await metrics()).text);
    // Assess
    const inFlight = family(families, 'bulwark_dependency_in_flight').metrics;
    expect(inFlight).toEqual([{ value: '0', labels: { dependency: name } }]);
    expect(family(families, 'bulwark_service_ready').metrics).toEqual([{ value: '1' }]); // one sample: no line injected
  });
});
