// Each dependency event as a span event on the call's span, and the retry counter, produced inside the
// tests (otelSignals builds its calls in a beforeAll, which a mutation run cannot tie to a test). A real
// OpenTelemetry SDK; the breaker's time is faked, the timeout's is real (20 ms).

import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useOtelSdk } from './otelSdk.js';

const { exporter, reader } = useOtelSdk();

afterEach(() => {
  vi.useRealTimers();
});

const fail503 = () => Promise.reject(new TransientError('edna answered 503', { status: 503 }));
/** The events of every finished call span of `dependency`, call by call. */
const eventsOf = (dependency: string) =>
  exporter
    .getFinishedSpans()
    .filter((s) => s.name === dependency)
    .map((s) => s.events.map((e) => [e.name, e.attributes]));

describe('dependency events on the call span', () => {
  it('a retry adds a retry event (attempt, delay, error type) and counts bulwark.retries', async () => {
    // Prepare
    const edna = wrapDependency('ev-retry', {
      logger: false,
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' } },
    });
    let calls = 0;
    // Act
    await edna.execute(() => (++calls === 1 ? fail503() : 'ok'));
    // Assess
    expect(eventsOf('ev-retry')).toEqual([
      [['retry', { 'bulwark.attempt': 1, 'bulwark.retry.delay_ms': 1, 'error.type': 'server-error' }]],
    ]);
    const { resourceMetrics } = await reader.collect();
    const retries = resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === 'bulwark.retries');
    const points = (retries?.dataPoints ?? []).filter(
      (p) => p.attributes['bulwark.dependency'] === 'ev-retry',
    );
    expect(points.map((p) => p.value)).toEqual([1]);
  });

  it('the breaker opening, half-opening and closing add their events to the calls that caused them', async () => {
    // Prepare
    vi.useFakeTimers();
    const edna = wrapDependency('ev-breaker', {
      logger: false,
      retry: false,
      breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 1_000 },
    });
    await edna.execute(fail503).catch(() => undefined);
    vi.advanceTimersByTime(1_000);
    // Act
    await edna.execute(() => 'ok');
    // Assess
    expect(eventsOf('ev-breaker')).toEqual([
      [['breaker.opened', { 'bulwark.breaker.state': 'open' }]],
      [
        ['breaker.half_open', { 'bulwark.breaker.state': 'half-open' }],
        ['breaker.closed', { 'bulwark.breaker.state': 'closed' }],
      ],
    ]);
  });

  it('an attempt timeout adds a timeout event (attempt, kind, ms)', async () => {
    // Prepare: real time (a fake timer's callback runs outside the call's async context, and its span).
    const edna = wrapDependency('ev-timeout', {
      logger: false,
      retry: false,
      timeout: { attemptMs: 20, totalMs: 1_000 },
    });
    // Act
    await edna
      .execute(
        ({ signal }) =>
          new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      )
      .catch((e: unknown) => e);
    // Assess
    expect(eventsOf('ev-timeout')).toEqual([
      [['timeout', { 'bulwark.attempt': 1, 'bulwark.timeout.kind': 'attempt', 'bulwark.timeout.ms': 20 }]],
    ]);
  });

  it("a timeout firing outside the call's async context (a fake timer) adds no event and fails no listener", async () => {
    // Prepare
    vi.useFakeTimers();
    const warnings: string[] = [];
    const edna = wrapDependency('ev-outside', {
      logger: { info: () => undefined, warn: (message) => warnings.push(message) },
      retry: false,
      timeout: { attemptMs: 50, totalMs: 1_000 },
    });
    const pending = edna
      .execute(
        ({ signal }) =>
          new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      )
      .catch((e: unknown) => e);
    // Act
    await vi.advanceTimersByTimeAsync(50);
    await pending;
    // Assess
    expect(eventsOf('ev-outside')).toEqual([[]]);
    expect(warnings).not.toContain('dependency event listener failed');
  });

  it("a fallback's answer adds a fallback event with the replaced error's reason", async () => {
    // Prepare
    const edna = wrapDependency('ev-fallback', { logger: false, retry: false, fallback: () => 'cached' });
    // Act
    const answer = await edna.execute(fail503);
    // Assess
    expect(answer).toBe('cached');
    expect(eventsOf('ev-fallback')).toEqual([[['fallback', { 'error.type': 'server-error' }]]]);
  });
});
