// The call and attempt spans and the instruments, asserted inside the tests that make the calls (the
// signals table's calls run in a beforeAll, which a mutation run cannot tie to a test): kinds, statuses,
// error types, correlation keys, log lines joined to their span, instrument descriptions and units, and
// instruments made again when the application swaps its meter provider.

import { runWithLogContext, TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { metrics, SpanStatusCode } from '@opentelemetry/api';
import { MeterProvider, type MetricData, type MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { TestReader, useOtelSdk } from './otelSdk.js';

/** Each span's attributes when it starts (what a sampler or span processor sees then). */
const started: [string, Record<string, unknown>][] = [];
const startRecorder = {
  onStart: (span: { name: string; attributes: Record<string, unknown> }) =>
    started.push([span.name, { ...span.attributes }]),
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

const { exporter, reader } = useOtelSdk([startRecorder]);

const fail503 = () => Promise.reject(new TransientError('edna answered 503', { status: 503 }));
const spansOf = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name);
async function collect(from: MetricReader = reader): Promise<Map<string, MetricData>> {
  const { resourceMetrics } = await from.collect();
  return new Map(resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).map((m) => [m.descriptor.name, m]));
}
const pointsOf = (m: MetricData | undefined, dependency: string) =>
  (m?.dataPoints ?? []).filter((p) => p.attributes['bulwark.dependency'] === dependency);

describe('call and attempt spans', () => {
  it('a successful call: a client span with the dependency, no error type, status unset', async () => {
    // Act
    await wrapDependency('sp-ok', { logger: false }).execute(() => 'ok');
    // Assess
    const [call] = spansOf('sp-ok');
    expect(call?.kind).toBe(2); // SpanKind.CLIENT
    expect(call?.attributes).toMatchObject({ 'bulwark.dependency': 'sp-ok', 'bulwark.outcome': 'success' });
    expect(call?.attributes).not.toHaveProperty('error.type');
    expect(call?.attributes).not.toHaveProperty('bulwark.correlation_id');
    expect(call?.attributes).not.toHaveProperty('messaging.message.id');
    expect(call?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('a call span starts with its dependency (what samplers and processors see)', async () => {
    // Act
    await wrapDependency('sp-start', { logger: false }).execute(() => 'ok');
    // Assess
    expect(started.find(([name]) => name === 'sp-start')?.[1]).toEqual({ 'bulwark.dependency': 'sp-start' });
  });

  it.each([
    ['a classified error', fail503, 'TransientError:server-error'],
    ['a plain Error', () => Promise.reject(new RangeError('bad')), 'RangeError'],
    ['a thrown string', () => Promise.reject('bad'), 'string'],
  ])(
    'a call failing with %s: status ERROR, error.type %s on the call and its attempt',
    async (_, fn, type) => {
      // Act
      await wrapDependency('sp-fail', { logger: false, retry: false })
        .execute(fn)
        .catch(() => undefined);
      // Assess
      const [call] = spansOf('sp-fail');
      const [attempt] = spansOf('sp-fail attempt');
      expect(call?.status.code).toBe(SpanStatusCode.ERROR);
      expect(call?.attributes['error.type']).toBe(type);
      expect(attempt?.status.code).toBe(SpanStatusCode.ERROR);
      expect(attempt?.attributes['error.type']).toBe(type);
    },
  );

  it("a call a fallback answered: outcome fallback, status ERROR, the replaced error's type", async () => {
    // Act
    await wrapDependency('sp-fallback', { logger: false, retry: false, fallback: () => 'cached' }).execute(
      fail503,
    );
    // Assess
    const [call] = spansOf('sp-fallback');
    expect(call?.attributes).toMatchObject({
      'bulwark.outcome': 'fallback',
      'error.type': 'TransientError:server-error',
    });
    expect(call?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("a call inside a record's log context carries its correlation id and message id", async () => {
    // Act
    await runWithLogContext({ correlation_id: 'c-1', messageId: 'm-1' }, () =>
      wrapDependency('sp-record', { logger: false }).execute(() => 'ok'),
    );
    // Assess
    expect(spansOf('sp-record')[0]?.attributes).toMatchObject({
      'bulwark.correlation_id': 'c-1',
      'messaging.message.id': 'm-1',
    });
  });

  it("a log line written during a traced call carries the call span's trace and span ids", async () => {
    // Prepare
    const lines: [string, Record<string, unknown>][] = [];
    const edna = wrapDependency('sp-log', {
      logger: { info: () => undefined, warn: (m, e) => lines.push([m, e as Record<string, unknown>]) },
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' } },
    });
    let calls = 0;
    // Act
    await edna.execute(() => (++calls === 1 ? fail503() : 'ok'));
    // Assess
    const context = spansOf('sp-log')[0]?.spanContext();
    const retried = lines.find(([m]) => m === 'dependency call retried')?.[1];
    expect(retried).toMatchObject({ trace_id: context?.traceId, span_id: context?.spanId });
  });
});

describe('instruments', () => {
  it('are described, in ms where they are durations, with plausible durations', async () => {
    // Prepare
    const edna = wrapDependency('in-all', {
      logger: false,
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' } },
    });
    let calls = 0;
    // Act
    await edna.execute(() => (++calls === 1 ? fail503() : 'ok'));
    const m = await collect();
    // Assess
    const described = (name: string) => {
      const d = m.get(name)?.descriptor;
      return d === undefined ? undefined : { unit: d.unit, description: d.description };
    };
    expect(described('bulwark.call.duration')).toEqual({
      unit: 'ms',
      description: 'Duration of a dependency call, retries and waits included',
    });
    expect(described('bulwark.attempt.duration')).toEqual({
      unit: 'ms',
      description: 'Duration of one attempt',
    });
    expect(described('bulwark.attempts')).toEqual({
      unit: '',
      description: 'Attempts sent to the dependency',
    });
    expect(described('bulwark.retries')).toEqual({ unit: '', description: 'Attempts followed by a retry' });
    for (const name of ['bulwark.call.duration', 'bulwark.attempt.duration']) {
      for (const point of pointsOf(m.get(name), 'in-all')) {
        expect((point.value as { max?: number }).max).toBeLessThan(60_000);
      }
    }
    expect(pointsOf(m.get('bulwark.refusals'), 'in-all')).toEqual([]);
  });

  it('bulwark.refusals counts a refused call, described', async () => {
    // Prepare
    const edna = wrapDependency('in-refused', {
      logger: false,
      retry: false,
      breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 60_000 },
    });
    await edna.execute(fail503).catch(() => undefined);
    // Act
    await edna.execute(() => 'never').catch(() => undefined);
    const m = await collect();
    // Assess
    expect(pointsOf(m.get('bulwark.refusals'), 'in-refused').map((p) => p.value)).toEqual([1]);
    expect(m.get('bulwark.refusals')?.descriptor.description).toBe(
      'Calls refused without an attempt (open circuit, rate limit, cooldown)',
    );
  });

  it('are made again on the meter provider the application swapped in', async () => {
    // Prepare
    const edna = wrapDependency('in-swap', { logger: false });
    await edna.execute(() => 'first');
    const second = new TestReader();
    metrics.disable();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [second] }));
    // Act
    await edna.execute(() => 'second');
    const m = await collect(second);
    // Assess
    expect(pointsOf(m.get('bulwark.attempts'), 'in-swap').map((p) => p.value)).toEqual([1]);
  });
});
