// The bulkhead stage: runs within its limit, queues up to `queue`, refuses beyond with 'bulkhead-full',
// and a queued call's wait ends at the call's bound (a timeout) or with the caller's signal.
import { isDependencyDownError, TransientError } from '@bulwark/errors';
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
  const run = <T>(next: () => Promise<T>, signal?: AbortSignal) =>
    stage.run(next, signal ? { signal } : undefined, Date.now(), bounds(Date.now()));
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
});
