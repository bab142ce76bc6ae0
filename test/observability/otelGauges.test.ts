// The two observable gauges with a real OpenTelemetry SDK, pinned point by point: their names,
// descriptions and meter; the breaker state's value and attributes in each of the four states; the
// budget's value for a dependency with a budget and no series for one without; a garbage-collected
// dependency drops out without stopping the others; and one registration per meter provider (each
// dependency reported once, however many dependencies started calls).

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

class TestReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}
// Delta: each collection holds only what the callbacks observed in it (cumulative keeps every series
// ever observed, so a breaker's earlier states would linger beside its current one).
const reader = new TestReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });

const provider = new MeterProvider({ readers: [reader] });

beforeAll(() => {
  metrics.setGlobalMeterProvider(provider);
});
afterAll(() => {
  metrics.disable();
});

async function collected(): Promise<{ scope: string; metric: MetricData }[]> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics.flatMap((s) =>
    s.metrics.map((metric) => ({ scope: s.scope.name, metric })),
  );
}

async function points(name: string, dependency: string) {
  const found = (await collected()).find((m) => m.metric.descriptor.name === name);
  return (found?.metric.dataPoints ?? [])
    .filter((p) => p.attributes['bulwark.dependency'] === dependency)
    .map((p) => ({ value: p.value, attributes: p.attributes }));
}

const fail503 = () => Promise.reject(new TransientError('edna answered 503', { status: 503 }));

describe('the OpenTelemetry gauges', () => {
  it('are named, described and on the @bulwark/policies meter', async () => {
    // Prepare + Act: the first call registers them.
    await wrapDependency('g-first', { logger: false }).execute(async () => 'ok');
    const all = await collected();
    // Assess
    const gauges = all
      .filter(
        (m) =>
          m.metric.descriptor.name.startsWith('bulwark.breaker.state') ||
          m.metric.descriptor.name === 'bulwark.retry_budget.available',
      )
      .map((m) => [m.scope, m.metric.descriptor.name, m.metric.descriptor.description]);
    expect(gauges).toEqual([
      [
        '@bulwark/policies',
        'bulwark.breaker.state',
        'Breaker state per dependency: 0 closed, 1 half-open, 2 open, 3 isolated',
      ],
      [
        '@bulwark/policies',
        'bulwark.retry_budget.available',
        'Retries the retry budget allows right now, per dependency with a budget',
      ],
    ]);
  });

  it('the breaker state: 0 closed, 1 half-open, 2 open, 3 isolated, with the dependency and state as attributes', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const dep = wrapDependency('g-states', {
        logger: false,
        retry: false,
        breaker: { kind: 'consecutive', threshold: 1, halfOpenAfterMs: 1_000 },
      });
      const seen: unknown[] = [];
      const look = async () => seen.push(...(await points('bulwark.breaker.state', 'g-states')));
      // Act
      await dep.execute(async () => 'ok');
      await look();
      await dep.execute(fail503).catch(() => undefined);
      await look();
      vi.setSystemTime(Date.now() + 1_000);
      await look();
      const handle = dep.isolate();
      await look();
      handle.dispose();
      // Assess
      expect(seen).toEqual(
        (['closed', 'open', 'half-open', 'isolated'] as const).map((state, value) => ({
          value: [0, 2, 1, 3][value],
          attributes: { 'bulwark.dependency': 'g-states', 'bulwark.breaker.state': state },
        })),
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('the budget: what it allows now for a dependency with one; no series (not Infinity) without one', async () => {
    // Prepare
    const budgeted = wrapDependency('g-budget', { logger: false });
    const unbudgeted = wrapDependency('g-nobudget', { logger: false, retry: { budget: false } });
    // Act
    await budgeted.execute(async () => 'ok');
    await unbudgeted.execute(async () => 'ok');
    // Assess
    expect(unbudgeted.stats().budgetAvailable).toBe(Number.POSITIVE_INFINITY);
    expect(await points('bulwark.retry_budget.available', 'g-nobudget')).toEqual([]);
    const available = budgeted.stats().budgetAvailable;
    expect(Number.isFinite(available) && available > 0).toBe(true);
    expect(await points('bulwark.retry_budget.available', 'g-budget')).toEqual([
      { value: available, attributes: { 'bulwark.dependency': 'g-budget' } },
    ]);
  });

  it('are registered once per provider, not again on every call or event', async () => {
    // Prepare: a new provider, so its registration happens in this test; a new dependency takes one
    // meter for its instruments, the gauges one for their registration.
    const fresh = new MeterProvider({ readers: [new TestReader()] });
    metrics.disable();
    metrics.setGlobalMeterProvider(fresh);
    const getMeter = vi.spyOn(fresh, 'getMeter');
    try {
      const dep = wrapDependency('g-once', {
        logger: false,
        retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' } },
        breaker: { kind: 'consecutive', threshold: 2, halfOpenAfterMs: 60_000 },
      });
      // Act: calls, retries, a break and a refusal.
      for (let i = 0; i < 3; i++) await dep.execute(fail503).catch(() => undefined);
      // Assess
      expect(dep.state).toBe('open');
      expect(getMeter.mock.calls.map(([name]) => name)).toEqual(['@bulwark/policies', '@bulwark/policies']);
    } finally {
      getMeter.mockRestore();
      metrics.disable();
      metrics.setGlobalMeterProvider(provider);
    }
  });

  it('a garbage-collected dependency drops out; the live ones are still reported', async () => {
    // Prepare
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // The gone one first: the callbacks meet it before the live one.
    let gone: WeakRef<object> | undefined;
    await (async () => {
      const dep = wrapDependency('g-gone', { logger: false });
      await dep.execute(async () => 'ok');
      gone = new WeakRef(dep);
    })();
    const live = wrapDependency('g-live', { logger: false });
    await live.execute(async () => 'ok');
    // Act: a WeakRef target is kept until the current job ends, so collect on a later turn.
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    // Assess
    expect(gone?.deref()).toBeUndefined();
    expect(await points('bulwark.breaker.state', 'g-gone')).toEqual([]);
    expect((await points('bulwark.breaker.state', 'g-live')).map((p) => p.value)).toEqual([0]);
    expect((await points('bulwark.retry_budget.available', 'g-live')).length).toBe(1);
  });
});
