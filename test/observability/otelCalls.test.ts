// OpenTelemetry signals produced inside the test itself (the signals table is built in a beforeAll,
// which a mutation run cannot tie to a test): a fetch call's method and host, and a rate limiter's
// refusal event, with a real SDK and msw.

import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { useMswServer } from '@bulwark/testing';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const server = useMswServer();
const exporter = new InMemorySpanExporter();

beforeAll(() => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
});
afterAll(() => {
  trace.disable();
});
beforeEach(() => exporter.reset());

/** The finished call span of `dependency` (attempt spans are named '<dependency> attempt'). */
const callSpan = (dependency: string) => exporter.getFinishedSpans().find((s) => s.name === dependency);

describe('OpenTelemetry on calls made in the test', () => {
  it('a fetch call span carries the method and the host, never the path or query', async () => {
    // Prepare
    server.use(http.post('https://edna.test/orders', () => HttpResponse.text('ok')));
    const edna = wrapDependency('otel-fetch', { logger: false });
    // Act
    const response = (await edna.fetch('https://edna.test/orders?token=s3cr3t', {
      method: 'post',
    })) as Response;
    await response.text();
    // Assess
    const span = callSpan('otel-fetch');
    expect(span?.attributes).toMatchObject({ 'http.request.method': 'POST', 'server.address': 'edna.test' });
    expect(JSON.stringify(span?.attributes)).not.toContain('s3cr3t');
  });

  it('a call the rate limiter refuses carries a refusal event saying who refused and when to come back', async () => {
    // Prepare
    const edna = wrapDependency('otel-rate', {
      logger: false,
      rateLimit: { perSecond: 1, burst: 1, maxWaitMs: 0 },
    });
    await edna.execute(() => 'first');
    exporter.reset();
    // Act
    const error = await edna.execute(() => 'second').catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ reason: 'throttled' });
    const events = callSpan('otel-rate')?.events ?? [];
    expect(events.map((e) => e.name)).toEqual(['refusal']);
    expect(events[0]?.attributes).toEqual({
      'bulwark.refused_by': 'rate-limit',
      'bulwark.retry_after_ms': (error as { retryAfterMs: number }).retryAfterMs,
    });
  });

  it('a refused call a fallback answered still carries the one refusal event of the rate limiter', async () => {
    // Prepare
    const edna = wrapDependency('otel-rate-fallback', {
      logger: false,
      rateLimit: { perSecond: 1, burst: 1, maxWaitMs: 0 },
      fallback: () => 'cached',
    });
    await edna.execute(() => 'first');
    exporter.reset();
    // Act
    const answer = await edna.execute(() => 'second');
    // Assess
    expect(answer).toBe('cached');
    const events = callSpan('otel-rate-fallback')?.events ?? [];
    expect(events.filter((e) => e.name === 'refusal').map((e) => e.attributes)).toEqual([
      { 'bulwark.refused_by': 'rate-limit', 'bulwark.retry_after_ms': expect.any(Number) },
    ]);
  });

  it('a call an open breaker refuses carries one refusal event with the error type', async () => {
    // Prepare
    const edna = wrapDependency('otel-open', {
      logger: false,
      retry: false,
      breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 60_000 },
    });
    await edna
      .execute(() => Promise.reject(new TransientError('edna answered 503', { status: 503 })))
      .catch(() => undefined);
    expect(edna.state).toBe('open');
    exporter.reset();
    // Act
    await edna.execute(() => 'never').catch(() => undefined);
    // Assess
    const events = callSpan('otel-open')?.events ?? [];
    expect(events.map((e) => [e.name, Object.keys(e.attributes ?? {})])).toEqual([
      ['refusal', ['error.type']],
    ]);
  });

  it('a dependency wrapped while OTEL_SDK_DISABLED=true is never traced, its fetches included', async () => {
    // Prepare: one traced call first, so tracing is on in the process.
    server.use(http.get('https://edna.test/orders', () => HttpResponse.text('ok')));
    await wrapDependency('otel-enabled', { logger: false }).execute(() => 'ok');
    vi.stubEnv('OTEL_SDK_DISABLED', 'true');
    const edna = wrapDependency('otel-disabled', { logger: false });
    vi.unstubAllEnvs();
    // Act
    const response = (await edna.fetch('https://edna.test/orders')) as Response;
    // Assess
    expect(await response.text()).toBe('ok');
    expect(callSpan('otel-enabled')).toBeDefined();
    expect(callSpan('otel-disabled')).toBeUndefined();
  });
});
