// wireTelemetry with only one of its outputs: metrics without a logger still count every event, and a
// logger without metrics writes every line without a listener failing. Every event is produced the way
// wireTelemetry.test.ts produces it (fake time).
import { classify, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DependencyOptions } from '../options/DependencyOptions.js';
import { wrapDependency } from '../wrapDependency.js';
import { DEPENDENCY_METRIC_NAMES, STAGE_METRIC_NAMES } from './wireTelemetry.js';

type Outputs = Pick<DependencyOptions<unknown>, 'logger' | 'metrics'>;

const unavailable = () => new TransientError('edna answered 503', { status: 503 });
const noJitter = { jitter: 'none', initialDelayMs: 100, maxDelayMs: 100 } as const;

/** Makes every dependency event happen once, on dependencies writing to `outputs`. */
async function everyEvent(outputs: Outputs): Promise<void> {
  // retry, give-up, breaker opened, half-open and closed
  const breaking = wrapDependency('edna', {
    ...outputs,
    retry: { maxAttempts: 2, backoff: noJitter },
    breaker: { threshold: 2, halfOpenAfterMs: 1_000 },
  });
  const failing = breaking.execute(() => Promise.reject(unavailable())).catch(() => undefined);
  await vi.advanceTimersByTimeAsync(100);
  await failing;
  await vi.advanceTimersByTimeAsync(1_000);
  await breaking.execute(async () => 'ok');
  // timeout
  const hung = wrapDependency('edna', {
    ...outputs,
    retry: false,
    timeout: { attemptMs: 250, totalMs: 1_000 },
  })
    .execute(() => new Promise<string>(() => {}))
    .catch(() => undefined);
  await vi.advanceTimersByTimeAsync(250);
  await hung;
  // fallback
  await wrapDependency('edna', { ...outputs, retry: false, fallback: () => 'cached' }).execute(() =>
    Promise.reject(unavailable()),
  );
  // retry budget exhausted
  await wrapDependency('edna', {
    ...outputs,
    retry: { maxAttempts: 2, budget: { ratio: 0.1, minRetriesPerSecond: 0 } },
  })
    .execute(() => Promise.reject(unavailable()))
    .catch(() => undefined);
  // cooldown, then a rate-limit refusal
  const limited = wrapDependency('edna', {
    ...outputs,
    retry: false,
    rateLimit: { perSecond: 1, maxWaitMs: 0 },
  });
  const throttled = new TransientError('slow down', {
    status: 429,
    reason: 'throttled',
    retryAfterMs: 3_000,
  });
  await limited.execute(() => Promise.reject(throttled)).catch(() => undefined);
  await vi.advanceTimersByTimeAsync(10_000);
  await limited.execute(async () => 'ok');
  await limited.execute(async () => 'ok').catch(() => undefined);
}

describe('wireTelemetry with one output', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('metrics without a logger count every event by its name', async () => {
    // Prepare
    const counted = new Set<string>();
    const metrics = { addMetric: (name: string) => counted.add(name) };
    // Act
    await everyEvent({ logger: false, metrics });
    // Assess
    expect([...counted].sort()).toEqual(
      [
        ...Object.values(DEPENDENCY_METRIC_NAMES),
        ...Object.values(STAGE_METRIC_NAMES),
        'DependencyCallDuration',
      ].sort(),
    );
  });

  it('a logger without metrics writes every line, and no listener fails', async () => {
    // Prepare
    const messages: string[] = [];
    const logger = { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(m) };
    // Act
    await everyEvent({ logger });
    // Assess
    expect(new Set(messages)).toEqual(
      new Set([
        'dependency call retried',
        'dependency call gave up',
        'dependency circuit opened',
        'dependency circuit half-open',
        'dependency circuit closed',
        'dependency call timed out',
        'dependency fallback used',
        'dependency retry budget exhausted',
        'dependency cooling down after pushback',
        'dependency call refused by the rate limit',
      ]),
    );
  });

  it('each call duration is the time the call took, resolved or rejected', async () => {
    // Prepare: the clock well past zero, so a duration counted from anywhere else shows.
    await vi.advanceTimersByTimeAsync(5_000);
    const durations: number[] = [];
    const metrics = {
      addMetric: (name: string, _unit: string, value: number) => {
        if (name === 'DependencyCallDuration') durations.push(value);
      },
    };
    const dep = wrapDependency('edna', {
      logger: false,
      metrics,
      retry: false,
      timeout: { attemptMs: 250, totalMs: 1_000 },
    });
    // Act
    const slow = dep.execute(() => new Promise<string>((resolve) => setTimeout(() => resolve('ok'), 100)));
    await vi.advanceTimersByTimeAsync(100);
    await slow;
    const hung = dep.execute(() => new Promise<string>(() => {})).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(250);
    await hung;
    // Assess
    expect(durations).toEqual([100, 250]);
  });

  it("the give-up line's error carries the dependency's own classification", async () => {
    // Prepare
    const lines: [string, Record<string, unknown>][] = [];
    const logger = {
      info: () => undefined,
      warn: (m: string, e?: object) => lines.push([m, e as Record<string, unknown>]),
    };
    const dep = wrapDependency('edna', {
      logger,
      retry: false,
      classify: (error) => ({ ...classify(error), kind: 'transient', reason: 'throttled', retryable: true }),
    });
    // Act
    await dep.execute(() => Promise.reject(new Error('quota'))).catch(() => undefined);
    // Assess
    const gaveUp = lines.find(([m]) => m === 'dependency call gave up')?.[1];
    expect(gaveUp?.error).toMatchObject({ kind: 'transient', reason: 'throttled', retryable: true });
  });
});
