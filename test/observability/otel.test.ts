// OpenTelemetry with a real SDK (in-memory span exporter, a metric reader collected on demand): a call
// that retries twice and succeeds, and one refused by an open breaker: spans, parent/child links,
// attributes, events and instruments. Nothing secret in any attribute.

import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { useOtelSdk } from './otelSdk.js';

const { exporter, reader } = useOtelSdk();

async function collected(): Promise<Map<string, MetricData>> {
  const { resourceMetrics } = await reader.collect();
  const all = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
  return new Map(all.map((m) => [m.descriptor.name, m]));
}

const pointsOf = (m: MetricData | undefined, dependency: string) =>
  (m?.dataPoints ?? []).filter((p) => p.attributes['bulwark.dependency'] === dependency);

const SECRET = 'tok_live_123';

describe('OpenTelemetry', () => {
  // First in the file on purpose: no dependency has had an event yet, so only the call can register them.
  it('the gauges report a dependency whose calls only ever succeeded', async () => {
    // Arrange
    const quiet = wrapDependency('otel-quiet', { logger: false });

    // Act
    await quiet.execute(async () => 'ok');
    const m = await collected();

    // Assess
    expect(pointsOf(m.get('bulwark.breaker.state'), 'otel-quiet').map((p) => p.value)).toEqual([0]);
    const budget = pointsOf(m.get('bulwark.retry_budget.available'), 'otel-quiet');
    expect(budget.map((p) => p.value)).toEqual([quiet.stats().budgetAvailable]);
  });

  it('a call that retries twice and succeeds: one call span, three attempt children, retry events, instruments', async () => {
    // Arrange
    const edna = wrapDependency('otel-retry', {
      logger: false,
      retry: { maxAttempts: 3, backoff: { initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' } },
    });
    let calls = 0;

    // Act
    const answer = await edna.execute(async () => {
      if (++calls <= 2) throw new TransientError(`edna answered 503 for ?token=${SECRET}`, { status: 503 });
      return 'ok';
    });

    // Assess
    expect(answer).toBe('ok');
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === 'otel-retry')!;
    const attempts = spans.filter((s) => s.name === 'otel-retry attempt');
    expect(call.attributes).toMatchObject({
      'bulwark.dependency': 'otel-retry',
      'bulwark.outcome': 'success',
      'bulwark.breaker.state': 'closed',
    });
    expect(attempts.map((s) => s.attributes['bulwark.attempt'])).toEqual([1, 2, 3]);
    for (const a of attempts) {
      expect(a.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
      expect(a.spanContext().traceId).toBe(call.spanContext().traceId);
    }
    expect(attempts.map((a) => a.attributes['error.type'])).toEqual([
      'TransientError:server-error',
      'TransientError:server-error',
      undefined,
    ]);
    expect(call.events.map((e) => [e.name, e.attributes?.['bulwark.attempt']])).toEqual([
      ['retry', 1],
      ['retry', 2],
    ]);
    expect(JSON.stringify(spans.map(flat))).not.toContain(SECRET);

    const m = await collected();
    expect(
      pointsOf(m.get('bulwark.attempts'), 'otel-retry').reduce((n, p) => n + (p.value as number), 0),
    ).toBe(3);
    expect(pointsOf(m.get('bulwark.retries'), 'otel-retry')[0]?.value).toBe(2);
    const callDuration = pointsOf(m.get('bulwark.call.duration'), 'otel-retry');
    expect(
      callDuration.map((p) => [p.attributes['bulwark.outcome'], (p.value as { count: number }).count]),
    ).toEqual([['success', 1]]);
    expect(m.get('bulwark.call.duration')?.descriptor.unit).toBe('ms');
    expect(pointsOf(m.get('bulwark.attempt.duration'), 'otel-retry').length).toBeGreaterThan(0);
  });

  it('a call refused by an open breaker: no attempt span, a refusal event, outcome refused, the gauge says open', async () => {
    // Arrange
    const edna = wrapDependency('otel-open', {
      logger: false,
      retry: false,
      breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 60_000 },
    });
    await edna
      .execute(async () => {
        throw new TransientError('edna answered 503', { status: 503 });
      })
      .catch(() => undefined);
    exporter.reset();

    // Act
    const refused = await edna.execute(async () => 'never').catch((e: unknown) => e);

    // Assess
    expect(refused).toBeInstanceOf(Error);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['otel-open']);
    expect(spans[0]!.attributes).toMatchObject({
      'bulwark.outcome': 'refused',
      'bulwark.breaker.state': 'open',
      'error.type': expect.stringContaining('DependencyDownError'),
    });
    expect(spans[0]!.status.code).toBe(2);
    expect(spans[0]!.events.map((e) => e.name)).toEqual(['refusal']);

    const m = await collected();
    expect(pointsOf(m.get('bulwark.refusals'), 'otel-open')[0]?.value).toBe(1);
    expect(pointsOf(m.get('bulwark.breaker.state'), 'otel-open')[0]?.value).toBe(2);
  });

  it('the first failing call records the breaker opening as a span event', async () => {
    // Arrange
    const edna = wrapDependency('otel-break', {
      logger: false,
      retry: false,
      breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 60_000 },
    });

    // Act
    await edna
      .execute(async () => {
        throw new TransientError('edna answered 503', { status: 503 });
      })
      .catch(() => undefined);

    // Assess
    const call = exporter.getFinishedSpans().find((s) => s.name === 'otel-break')!;
    expect(call.events.map((e) => e.name)).toContain('breaker.opened');
    expect(call.attributes['bulwark.outcome']).toBe('failure');
  });
});

describe('OpenTelemetry with hostile errors', () => {
  it('an error whose name holds a secret or throws never leaks it and never breaks the call', async () => {
    // Arrange
    const edna = wrapDependency('otel-hostile', { logger: false, retry: false });
    const named = new Error('x');
    named.name = `Boom https://user:pw@edna.internal/o?token=${SECRET}`;
    const throwing = new Error('y');
    Object.defineProperty(throwing, 'name', {
      get() {
        throw new Error('no');
      },
    });

    // Act
    const first = await edna.execute(() => Promise.reject(named)).catch((e: unknown) => e);
    const second = await edna.execute(() => Promise.reject(throwing)).catch((e: unknown) => e);

    // Assess
    expect(first).toBe(named);
    expect(second).toBe(throwing);
    const spans = exporter.getFinishedSpans().filter((s) => s.name.startsWith('otel-hostile'));
    expect(spans.length).toBe(4);
    const text = JSON.stringify(spans.map(flat));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('pw@');
  });
});

function flat(span: ReadableSpan) {
  return { name: span.name, attributes: span.attributes, events: span.events };
}
