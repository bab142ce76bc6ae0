// Every OpenTelemetry signal in docs/observability.md is pinned: the test reads the spans, span-events and
// instruments tables, produces each row with a real SDK and fails when one is missing, carries an
// attribute the table does not list, or lacks one it requires.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runWithLogContext, TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { metrics, SpanStatusCode, trace } from '@opentelemetry/api';
import { MeterProvider, type MetricData, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../docs/observability.md', import.meta.url), 'utf8');

function table(name: string): string[][] {
  const start = doc.indexOf(`<!-- signals:${name} -->`);
  expect(start, `docs/observability.md has no signals:${name} table`).toBeGreaterThan(-1);
  return doc
    .slice(start, doc.indexOf(`<!-- /signals:${name} -->`))
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** Checks `present` against a table cell such as `a, b, c?`: every required one there, nothing else. */
function checkKeys(what: string, present: string[], cell: string, extra: string[] = []): void {
  const listed = cell.split(',').map((k) => k.trim());
  const allowed = new Set([...listed.map((k) => k.replace(/\?$/, '')), ...extra]);
  for (const k of listed.filter((k) => !k.endsWith('?'))) expect(present, `${what} lacks ${k}`).toContain(k);
  for (const k of present) expect(allowed.has(k), `${what} has ${k}, not in the table`).toBe(true);
}

class TestReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}
const exporter = new InMemorySpanExporter();
const reader = new TestReader();
let collected: MetricData[] = [];
const lines: [string, unknown][] = [];
const SECRET = 'tok_live_456';

const fail503 = () => Promise.reject(new TransientError('edna answered 503', { status: 503 }));

beforeAll(async () => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  // retry, then success, while an SQS record runs (its keys in the log context)
  let n = 0;
  const flaky = wrapDependency('s-retry', {
    logger: { info: (m, e) => lines.push([m, e]), warn: (m, e) => lines.push([m, e]) },
    retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' } },
  });
  await runWithLogContext({ correlation_id: 'm-1', messageId: 'm-1' }, () =>
    flaky.execute(async () => (++n === 1 ? fail503() : 'ok')),
  );
  // breaker opens, refuses, half-opens and closes
  const breaking = wrapDependency('s-break', {
    logger: false,
    retry: false,
    breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 20 },
  });
  await breaking.execute(fail503).catch(() => undefined);
  await breaking.execute(async () => 'never').catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 40));
  await breaking.execute(async () => 'ok');
  // timeout
  await wrapDependency('s-timeout', { logger: false, retry: false, timeout: { attemptMs: 10, totalMs: 10 } })
    .execute(
      ({ signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    )
    .catch(() => undefined);
  // fallback
  await wrapDependency('s-fallback', { logger: false, retry: false, fallback: () => 'cached' }).execute(
    fail503,
  );
  // fetch: the method and the host, never the query
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const res = await wrapDependency('s-fetch', { logger: false }).fetch(
    `http://127.0.0.1:${port}/orders?token=${SECRET}`,
  );
  await (res as Response).text();
  server.close();
  const { resourceMetrics } = await reader.collect();
  collected = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
});
afterAll(() => {
  trace.disable();
  metrics.disable();
});

describe('every documented span', () => {
  it.each(table('spans'))('%s (%s, parent %s) carries %s', (name, kind, parent, attributes) => {
    const spans = exporter
      .getFinishedSpans()
      .filter((s) =>
        name!.includes('attempt') ? s.name.endsWith(' attempt') : !s.name.endsWith(' attempt'),
      );
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.kind).toBe(kind === 'client' ? 2 : -1); // SpanKind.CLIENT
      if (parent!.includes('call')) expect(span.parentSpanContext?.spanId).toBeDefined();
      checkKeys(`span ${span.name}`, Object.keys(span.attributes), attributes!);
    }
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.events]))).not.toContain(SECRET);
  });

  it('fetch sets http.request.method and server.address (the host only)', () => {
    const call = exporter.getFinishedSpans().find((s) => s.name === 's-fetch')!;
    expect(call.attributes).toMatchObject({ 'http.request.method': 'GET', 'server.address': '127.0.0.1' });
  });
});

describe('every documented span event', () => {
  const rows = table('span-events');
  it.each(rows)('%s carries %s', (name, attributes) => {
    const events = exporter
      .getFinishedSpans()
      .filter((s) => !s.name.endsWith(' attempt'))
      .flatMap((s) => s.events)
      .filter((e) => e.name === name);
    expect(events.length, `no ${name} event`).toBeGreaterThan(0);
    for (const e of events) checkKeys(`event ${name}`, Object.keys(e.attributes ?? {}), attributes!);
  });

  it('emits no event the table does not list', () => {
    const documented = new Set(rows.map((r) => r[0]));
    const names = exporter.getFinishedSpans().flatMap((s) => s.events.map((e) => e.name));
    expect(names.filter((n) => !documented.has(n))).toEqual([]);
  });
});

describe('every documented instrument', () => {
  const rows = table('otel-metrics');
  it.each(rows)('%s (%s, %s) carries %s', (name, _instrument, unit, attributes) => {
    const metric = collected.find((m) => m.descriptor.name === name);
    expect(metric, `no ${name}`).toBeDefined();
    expect(metric!.descriptor.unit || '1').toBe(unit);
    expect(metric!.dataPoints.length).toBeGreaterThan(0);
    for (const p of metric!.dataPoints) checkKeys(name!, Object.keys(p.attributes), attributes!);
  });

  it('records no instrument the table does not list', () => {
    const documented = new Set(rows.map((r) => r[0]));
    expect(collected.map((m) => m.descriptor.name).filter((n) => !documented.has(n))).toEqual([]);
  });
});

describe('what ties the signals together', () => {
  const call = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name)!;

  it('a log line written during a traced call carries its trace_id and span_id', () => {
    const span = call('s-retry');
    const retried = lines.find(([m]) => m === 'dependency call retried');
    expect(retried?.[1]).toMatchObject({
      correlation_id: 'm-1',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
  });

  it("the call's span carries the record's correlation id and message id", () => {
    expect(call('s-retry').attributes).toMatchObject({
      'bulwark.correlation_id': 'm-1',
      'messaging.message.id': 'm-1',
    });
    expect(call('s-timeout').attributes).not.toHaveProperty('bulwark.correlation_id');
  });

  it('a call the fallback answered is outcome fallback, status ERROR, with the replaced error type', () => {
    const span = call('s-fallback');
    expect(span.attributes).toMatchObject({
      'bulwark.outcome': 'fallback',
      'error.type': 'TransientError:server-error',
    });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(call('s-retry').attributes['bulwark.outcome']).toBe('success');
    expect(call('s-retry').status.code).toBe(SpanStatusCode.UNSET);
    const duration = collected.find((m) => m.descriptor.name === 'bulwark.call.duration')!;
    const outcomes = duration.dataPoints
      .filter((p) => p.attributes['bulwark.dependency'] === 's-fallback')
      .map((p) => p.attributes['bulwark.outcome']);
    expect(outcomes).toEqual(['fallback']);
  });

  it('the retry budget gauge reports what the budget allows now', () => {
    const gauge = collected.find((m) => m.descriptor.name === 'bulwark.retry_budget.available')!;
    const point = gauge.dataPoints.find((p) => p.attributes['bulwark.dependency'] === 's-retry');
    expect(point?.value).toBeGreaterThan(0);
    expect(Number.isFinite(point?.value)).toBe(true);
  });
});
