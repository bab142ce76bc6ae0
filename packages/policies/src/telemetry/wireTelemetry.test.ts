// wireTelemetry: each event is one log line with exactly the keys operators search on, and one Count metric
// under its documented name with the `dependency` dimension (the runbook alarms on these by name); each call
// writes one duration with `dependency` and `outcome`. Lines are compared whole (toStrictEqual): a key that
// vanishes, or appears as undefined, fails.
import { classify, runWithLogContext, serializeError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';

type Line = [level: 'info' | 'warn', message: string, extra: Record<string, unknown>];

function recorder() {
  const lines: Line[] = [];
  const metrics: string[] = [];
  const logger = {
    info: (message: string, extra: Record<string, unknown>) => lines.push(['info', message, extra]),
    warn: (message: string, extra: Record<string, unknown>) => lines.push(['warn', message, extra]),
  };
  const dimensioned = {
    addMetric: (name: string, unit: string, value: number) => metrics.push(`plain ${name} ${unit} ${value}`),
    singleMetric: () => {
      const dims: string[] = [];
      return {
        addDimension: (key: string, value: string) => dims.push(`${key}=${value}`),
        addMetric: (name: string, unit: string, value: number) =>
          metrics.push(`${name} ${unit} ${unit === 'Milliseconds' ? 'ms' : value} ${dims.join(',')}`),
      };
    },
  };
  return { lines, metrics, logger, dimensioned };
}

const unavailable = () => new TransientError('edna answered 503', { status: 503 });
const noJitter = { jitter: 'none', initialDelayMs: 100, maxDelayMs: 100 } as const;

describe('wireTelemetry', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a retry: one warn line with attempt, delay, classification and state; DependencyRetry by dependency', async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', {
      logger: r.logger,
      metrics: r.dimensioned,
      retry: { maxAttempts: 2, backoff: noJitter },
    });
    const error = unavailable();
    let n = 0;
    // Act
    const result = dep.execute(async () => {
      if (n++ === 0) throw error;
      return 'ok';
    });
    await vi.advanceTimersByTimeAsync(100);
    await result;
    // Assess
    const c = classify(error);
    expect(r.lines).toStrictEqual([
      [
        'warn',
        'dependency call retried',
        {
          dependency: 'edna',
          attempt: 1,
          delayMs: 100,
          kind: 'transient',
          reason: c.reason,
          status: 503,
          state: 'closed',
          error: serializeError(error, { stack: false, classification: c }),
        },
      ],
    ]);
    expect(r.metrics).toEqual([
      'DependencyRetry Count 1 dependency=edna',
      'DependencyCallDuration Milliseconds ms dependency=edna,outcome=success',
    ]);
  });

  it('a give-up for a Retry-After that does not fit says when to come back; DependencyGiveUp by dependency', async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', {
      logger: r.logger,
      metrics: r.dimensioned,
      timeout: { attemptMs: 1_000, totalMs: 2_000 },
      cooldown: false,
    });
    const error = new TransientError('slow down', { status: 429, reason: 'throttled', retryAfterMs: 60_000 });
    // Act
    await dep.execute(() => Promise.reject(error)).catch(() => undefined);
    // Assess
    const c = classify(error);
    expect(r.lines).toStrictEqual([
      [
        'warn',
        'dependency call gave up',
        {
          dependency: 'edna',
          attempt: 1,
          kind: 'transient',
          reason: 'deadline',
          cause: 'throttled',
          retryAfterMs: 60_000,
          error: serializeError(error, { classification: c }),
          state: 'closed',
        },
      ],
    ]);
    expect(r.metrics).toEqual([
      'DependencyGiveUp Count 1 dependency=edna',
      'DependencyCallDuration Milliseconds ms dependency=edna,outcome=failure',
    ]);
  });

  it('a give-up without a hint has no retryAfterMs key at all', async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', { logger: r.logger, retry: { maxAttempts: 1 } });
    // Act
    await dep.execute(() => Promise.reject(unavailable())).catch(() => undefined);
    // Assess
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]?.[1]).toBe('dependency call gave up');
    expect(Object.keys(r.lines[0]![2])).toEqual([
      'dependency',
      'attempt',
      'kind',
      'reason',
      'cause',
      'error',
      'state',
    ]);
    expect(r.lines[0]![2]).toMatchObject({ reason: 'max-attempts', attempt: 1 });
  });

  it('the breaker: opened (with trigger, delay and error), half-open and closed lines and metrics', async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', {
      logger: r.logger,
      metrics: r.dimensioned,
      retry: false,
      breaker: { threshold: 1, halfOpenAfterMs: 1_000 },
    });
    const error = unavailable();
    await dep.execute(() => Promise.reject(error)).catch(() => undefined);
    // Act
    await vi.advanceTimersByTimeAsync(1_000);
    await dep.execute(async () => 'ok');
    // Assess
    const opened = r.lines.find(([, m]) => m === 'dependency circuit opened');
    expect(opened).toStrictEqual([
      'warn',
      'dependency circuit opened',
      {
        dependency: 'edna',
        state: 'open',
        kind: 'failures',
        delayMs: 1_000,
        error: serializeError(error, { stack: false }),
      },
    ]);
    expect(r.lines.slice(-2)).toStrictEqual([
      ['info', 'dependency circuit half-open', { dependency: 'edna', state: 'half-open' }],
      ['info', 'dependency circuit closed', { dependency: 'edna', state: 'closed' }],
    ]);
    expect(r.metrics).toEqual([
      'BreakerOpened Count 1 dependency=edna',
      'DependencyGiveUp Count 1 dependency=edna',
      'DependencyCallDuration Milliseconds ms dependency=edna,outcome=failure',
      'BreakerHalfOpen Count 1 dependency=edna',
      'BreakerClosed Count 1 dependency=edna',
      'DependencyCallDuration Milliseconds ms dependency=edna,outcome=success',
    ]);
  });

  it('a shadow breaker says shadow: true; an isolated one has no delay', () => {
    // Prepare
    const r = recorder();
    const shadow = wrapDependency('edna', {
      logger: r.logger,
      retry: false,
      breaker: { threshold: 1, shadow: true },
    });
    const isolated = wrapDependency('frank', { logger: r.logger });
    // Act
    const shadowed = shadow.execute(() => Promise.reject(unavailable())).catch(() => undefined);
    isolated.isolate();
    // Assess
    return shadowed.then(() => {
      const opened = r.lines.filter(([, m]) => m === 'dependency circuit opened').map(([, , extra]) => extra);
      expect(opened).toHaveLength(2);
      expect(opened.find((e) => e.dependency === 'edna')).toMatchObject({ shadow: true, delayMs: 5_000 });
      const iso = opened.find((e) => e.dependency === 'frank')!;
      expect(iso).toStrictEqual({
        dependency: 'frank',
        state: 'isolated',
        kind: undefined,
        delayMs: undefined,
        error: undefined,
      });
    });
  });

  it('an attempt timeout: kind, the time allowed and the attempt; DependencyTimeout by dependency', async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', {
      logger: r.logger,
      metrics: r.dimensioned,
      retry: false,
      timeout: { attemptMs: 250, totalMs: 1_000 },
    });
    // Act
    const result = dep.execute(() => new Promise<string>(() => {})).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(250);
    await result;
    // Assess
    expect(r.lines[0]).toStrictEqual([
      'warn',
      'dependency call timed out',
      { dependency: 'edna', attempt: 1, kind: 'attempt', delayMs: 250, state: 'closed' },
    ]);
    expect(r.metrics[0]).toBe('DependencyTimeout Count 1 dependency=edna');
  });

  it('a fallback: an info line with the classification; DependencyFallback by dependency', async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', {
      logger: r.logger,
      metrics: r.dimensioned,
      retry: false,
      fallback: () => 'cached',
    });
    const error = unavailable();
    // Act
    await expect(dep.execute(() => Promise.reject(error))).resolves.toBe('cached');
    // Assess: the give-up line comes first (the call did give up), then the fallback's
    expect(r.lines.map(([, m]) => m)).toEqual(['dependency call gave up', 'dependency fallback used']);
    expect(r.lines[1]).toStrictEqual([
      'info',
      'dependency fallback used',
      { dependency: 'edna', kind: 'transient', reason: classify(error).reason, state: 'closed' },
    ]);
    expect(r.metrics).toEqual([
      'DependencyGiveUp Count 1 dependency=edna',
      'DependencyFallback Count 1 dependency=edna',
      'DependencyCallDuration Milliseconds ms dependency=edna,outcome=fallback',
    ]);
  });

  it('an exhausted retry budget: the attempt and the error; RetryBudgetExhausted by dependency', async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', {
      logger: r.logger,
      metrics: r.dimensioned,
      retry: { maxAttempts: 2, budget: { ratio: 0.1, minRetriesPerSecond: 0 } },
    });
    const error = unavailable();
    // Act
    await dep.execute(() => Promise.reject(error)).catch(() => undefined);
    // Assess
    expect(r.lines[0]).toStrictEqual([
      'warn',
      'dependency retry budget exhausted',
      { dependency: 'edna', attempt: 1, error: serializeError(error, { stack: false }), state: 'closed' },
    ]);
    expect(r.metrics[0]).toBe('RetryBudgetExhausted Count 1 dependency=edna');
  });

  it('a cooldown and a rate-limit refusal: the delay; DependencyCooldown and DependencyRateLimited by dependency', async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', {
      logger: r.logger,
      metrics: r.dimensioned,
      retry: false,
      rateLimit: { perSecond: 1, maxWaitMs: 0 },
    });
    const throttled = new TransientError('slow down', {
      status: 429,
      reason: 'throttled',
      retryAfterMs: 3_000,
    });
    // Act
    await dep.execute(() => Promise.reject(throttled)).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    await dep.execute(async () => 'ok');
    await dep.execute(async () => 'ok').catch(() => undefined);
    // Assess
    const lines = r.lines.filter(([, m]) => m !== 'dependency call gave up');
    expect(lines).toStrictEqual([
      [
        'warn',
        'dependency cooling down after pushback',
        { dependency: 'edna', delayMs: 3_000, state: 'closed' },
      ],
      [
        'warn',
        'dependency call refused by the rate limit',
        { dependency: 'edna', delayMs: 1_000, state: 'closed' },
      ],
    ]);
    expect(r.metrics.filter((m) => /Cooldown|RateLimited/.test(m))).toEqual([
      'DependencyCooldown Count 1 dependency=edna',
      'DependencyRateLimited Count 1 dependency=edna',
    ]);
    expect(r.metrics.at(-1)).toBe('DependencyCallDuration Milliseconds ms dependency=edna,outcome=refused');
  });

  it("puts the running unit of work's keys first; an event key wins over one of the same name", async () => {
    // Prepare
    const r = recorder();
    const dep = wrapDependency('edna', { logger: r.logger, retry: { maxAttempts: 1 } });
    // Act
    await runWithLogContext({ correlation_id: 'req-7', dependency: 'spoofed' }, () =>
      dep.execute(() => Promise.reject(unavailable())).catch(() => undefined),
    );
    // Assess
    expect(Object.keys(r.lines[0]![2])[0]).toBe('correlation_id');
    expect(r.lines[0]![2]).toMatchObject({ correlation_id: 'req-7', dependency: 'edna' });
  });

  it('metrics without singleMetric get plain Count and Milliseconds metrics', async () => {
    // Prepare
    const emitted: string[] = [];
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      metrics: {
        addMetric: (name, unit, value) => emitted.push(`${name} ${unit} ${unit === 'Count' ? value : 'ms'}`),
      },
    });
    // Act
    await dep.execute(() => Promise.reject(unavailable())).catch(() => undefined);
    // Assess
    expect(emitted).toEqual(['DependencyGiveUp Count 1', 'DependencyCallDuration Milliseconds ms']);
  });
});
