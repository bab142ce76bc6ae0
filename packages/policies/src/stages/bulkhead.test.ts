// The bulkhead stage: runs within its limit, queues up to `queue`, refuses beyond with 'bulkhead-full',
// and a queued call's wait ends at the call's bound (a timeout) or with the caller's signal.
import { getEventListeners } from 'node:events';
import { isDependencyDownError, PermanentError, TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeOptions } from '../options/normalizeOptions.js';
import { Outcome } from '../pipeline/Outcome.js';
import { Telemetry } from '../telemetry/Telemetry.js';
import { BulkheadStage } from './bulkhead.js';

function build(limit: number, queue: number) {
  const o = normalizeOptions('edna', { logger: false, timeout: { attemptMs: 1_000, totalMs: 1_000 } });
  const t = new Telemetry('edna', undefined);
  const stage = new BulkheadStage<never>('edna', limit, queue, new Outcome(o, t), new Error('abort'));
  const bounds = (start: number) => ({ endAt: start + 1_000, endKind: 'total' as const, signals: undefined });
  const run = <T>(next: () => Promise<T>, signal?: AbortSignal | { fallback: () => never }) =>
    stage.run(
      next,
      signal instanceof AbortSignal ? { signal } : (signal as never),
      Date.now(),
      bounds(Date.now()),
    );
  return { run, t };
}

const hang = () => new Promise<string>(() => {});

describe('BulkheadStage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs calls within the limit', async () => {
    const { run } = build(2, 0);
    await expect(run(async () => 'ok')).resolves.toBe('ok');
  });

  it('refuses beyond limit + queue with bulkhead-full, counted as rejected', async () => {
    // Prepare
    const { run, t } = build(1, 0);
    void run(hang);
    // Act
    const refused = await run(async () => 'ok').catch((e: unknown) => e);
    // Assert
    expect(isDependencyDownError(refused)).toBe(true);
    expect((refused as { reason: string }).reason).toBe('bulkhead-full');
    expect(t.rejected).toBe(1);
  });

  it("a queued call's wait ends at the call's bound with a timeout error", async () => {
    // Prepare
    const { run } = build(1, 1);
    void run(hang);
    const queued = run(async () => 'ok').catch((e: unknown) => e);
    // Act
    await vi.advanceTimersByTimeAsync(1_000);
    // Assert
    const error = await queued;
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toContain('total timeout of 1000 ms reached after 0 attempt(s)');
  });

  it("a queued call ends with the caller's reason when the caller aborts", async () => {
    // Prepare
    const { run } = build(1, 1);
    void run(hang);
    const controller = new AbortController();
    const queued = run(async () => 'ok', controller.signal).catch((e: unknown) => e);
    // Act
    controller.abort('caller left');
    // Assert
    expect(await queued).toBe('caller left');
  });

  it("refuses with the message 'edna: bulkhead full'", async () => {
    const { run } = build(1, 1);
    void run(hang);
    void run(hang);
    const refused = await run(async () => 'ok').catch((e: unknown) => e);
    expect(refused).toMatchObject({
      message: 'edna: bulkhead full',
      reason: 'bulkhead-full',
      dependency: 'edna',
    });
  });

  it('a queued call waits while it has time, runs when a slot frees, and leaves no timer or listener', async () => {
    // Prepare
    const { run } = build(1, 1);
    let release!: (v: string) => void;
    const first = run(() => new Promise<string>((r) => (release = r)));
    const controller = new AbortController();
    const queued = run(async () => 'second', controller.signal);
    // Act
    await vi.advanceTimersByTimeAsync(999);
    release('first');
    // Assess
    await expect(first).resolves.toBe('first');
    await expect(queued).resolves.toBe('second');
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a queued call still waiting 1 ms before its bound has not timed out', async () => {
    // Prepare
    const { run } = build(1, 1);
    void run(hang);
    let settled = false;
    const queued = run(async () => 'ok').finally(() => {
      settled = true;
    });
    queued.catch(() => undefined);
    // Act + Assess
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });

  it('a queued call given options without a signal (a per-call fallback) runs normally', async () => {
    const { run } = build(1, 1);
    let release!: (v: string) => void;
    void run(() => new Promise<string>((r) => (release = r)));
    const queued = run(async () => 'second', { fallback: () => undefined as never });
    release('first');
    await expect(queued).resolves.toBe('second');
  });

  it('a queued call whose own run fails rejects with that error, not a timeout', async () => {
    // Prepare
    const { run } = build(1, 1);
    let release!: (v: string) => void;
    void run(() => new Promise<string>((r) => (release = r)));
    const bad = new PermanentError('edna answered 400', { status: 400 });
    const queued = run(() => Promise.reject(bad)).catch((e: unknown) => e);
    // Act
    release('first');
    // Assess
    expect(await queued).toBe(bad);
  });

  it('a queued call with a per-call fallback that runs out of time gets the fallback', async () => {
    // Prepare
    const { run } = build(1, 1);
    void run(hang);
    const queued = run(async () => 'live', { fallback: () => 'cached' as never });
    // Act
    await vi.advanceTimersByTimeAsync(1_000);
    // Assess
    await expect(queued).resolves.toBe('cached');
  });
});
