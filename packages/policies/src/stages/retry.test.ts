// The retry stage on its own, over the real attempt launcher and breaker stage: what decides whether a
// failed attempt is tried again (classification, maxAttempts, the circuit, the time left, the budget),
// and that a cancellation ends the call at once. Time is faked.
import { PermanentError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DependencyOptions } from '../options/DependencyOptions.js';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Outcome } from '../pipeline/Outcome.js';
import { RetryBudget } from '../retry/RetryBudget.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { attemptLauncher } from './attemptTimeout.js';
import { BreakerStage } from './breaker.js';
import { RetryStage } from './retry.js';
import { TotalTimeout } from './totalTimeout.js';

function build(options: DependencyOptions<never> = {}) {
  const o = normalizeOptions('edna', { logger: false, ...options } as never);
  const t = new Telemetry('edna', undefined);
  const outcome = new Outcome<never>(o, t);
  const breaker = new BreakerStage('edna', o.breaker, (e) => outcome.classify(e).countsTowardBreaker, t);
  const launch = attemptLauncher(o.attemptMs, new Error('aborted'), outcome, t, breaker);
  const budget = o.budget ? new RetryBudget(o.budget) : undefined;
  const retry = new RetryStage(o, t, outcome, launch, breaker, budget);
  const total = new TotalTimeout(o.totalMs, o.deadline);
  const giveUps: string[] = [];
  t.onGiveUp((e) => giveUps.push(e.reason));
  const run = <T>(fn: () => Promise<T>, signal?: AbortSignal) => {
    const start = Date.now();
    return retry.run(fn, signal ? { signal } : undefined, start, total.bounds(start));
  };
  return { run, t, giveUps, breaker };
}

function scripted(...steps: (Error | 'ok')[]) {
  let n = 0;
  const fn = vi.fn(async () => {
    const step = steps[Math.min(n++, steps.length - 1)];
    if (step instanceof Error) throw step;
    return 'ok';
  });
  return fn;
}

const transient = () => new TransientError('503', { status: 503 });

describe('RetryStage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a transient failure and counts attempts, retries and the success', async () => {
    // Prepare
    const { run, t } = build();
    const fn = scripted(transient(), 'ok');
    // Act
    const result = run(fn);
    await vi.runAllTimersAsync();
    // Assert
    await expect(result).resolves.toBe('ok');
    expect([t.attempts, t.retries, t.successes, t.failures, t.inFlight]).toEqual([2, 1, 1, 0, 0]);
  });

  it('never retries a permanent failure', async () => {
    // Prepare
    const { run } = build();
    const fn = scripted(new PermanentError('400', { status: 400 }));
    // Act / Assert
    await expect(run(fn)).rejects.toBeInstanceOf(PermanentError);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('gives up at maxAttempts', async () => {
    // Prepare
    const { run, giveUps } = build({ retry: { maxAttempts: 2 } });
    const fn = scripted(transient());
    // Act
    const result = run(fn).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    // Assert
    expect(await result).toBeInstanceOf(TransientError);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(giveUps).toEqual(['max-attempts']);
  });

  it('gives up at once when the wait plus another attempt does not fit the total time', async () => {
    // Prepare: a 5 s hint against 1 s of total time
    const { run, giveUps } = build({ timeout: { attemptMs: 500, totalMs: 1_000 } });
    const fn = scripted(new TransientError('429', { status: 429, retryAfterMs: 5_000 }));
    // Act
    const result = run(fn).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    // Assert
    expect(await result).toBeInstanceOf(TransientError);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(giveUps).toEqual(['deadline']);
  });

  it('gives up when the breaker opened on this failure (a broken circuit is never retried)', async () => {
    // Prepare
    const { run, giveUps, breaker } = build({ breaker: { threshold: 1 } });
    const fn = scripted(transient());
    // Act
    const result = run(fn).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    // Assert
    await result;
    expect(fn).toHaveBeenCalledTimes(1);
    expect(giveUps).toEqual(['circuit-open']);
    expect(breaker.state()).toBe('open');
  });

  it('gives up when the retry budget is spent', async () => {
    // Prepare: no floor, a ratio of 0.01: the first retry already overdraws
    const { run, giveUps, t } = build({
      retry: { budget: { ratio: 0.01, minRetriesPerSecond: 0 } },
      breaker: false,
    });
    const fn = scripted(transient());
    // Act
    const result = run(fn).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    await result;
    // Assert
    expect(giveUps).toEqual(['budget']);
    expect(t.budgetExhausted).toBe(1);
  });

  it("ends a backoff wait at once when the caller aborts, with the caller's reason", async () => {
    // Prepare
    const { run, t } = build({ retry: { backoff: { initialDelayMs: 4_000, jitter: 'none' } } });
    const controller = new AbortController();
    const fn = scripted(transient(), 'ok');
    const result = run(fn, controller.signal).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    // Act
    controller.abort('caller left');
    // Assert
    expect(await result).toBe('caller left');
    expect(fn).toHaveBeenCalledTimes(1);
    expect([t.failures, t.inFlight]).toEqual([1, 0]);
  });
});
