// Item 6: a custom SharedBreakerState whose ready() never settles must not hold a call past its own
// time (totalMs, deadline) or past the caller's signal. Shared state may help, never block.
import { isTransientError } from '@bulwark/errors';
import { type SharedBreakerState, wrapDependency } from '@bulwark/policies';
import { describe, expect, it } from 'vitest';

const HUNG = Symbol('hung');
const within = <T>(promise: Promise<T>, ms: number): Promise<T | typeof HUNG> =>
  Promise.race([promise, new Promise<typeof HUNG>((resolve) => setTimeout(() => resolve(HUNG), ms))]);

const neverReady = (): SharedBreakerState =>
  ({ current: () => undefined, ready: () => new Promise<void>(() => {}) }) as unknown as SharedBreakerState;

describe('a shared state that never becomes ready', () => {
  it('ends the call at totalMs with a timeout TransientError', async () => {
    const dep = wrapDependency('edna', {
      timeout: { attemptMs: 100, totalMs: 300 },
      retry: false,
      sharedState: neverReady(),
      logger: false,
    });
    const started = Date.now();

    const outcome = await within(
      dep.execute(() => 'ok').catch((e: unknown) => e),
      2_000,
    );

    expect(outcome).not.toBe(HUNG);
    expect(isTransientError(outcome)).toBe(true);
    expect((outcome as { reason?: string }).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("ends the call when the caller's signal fires", async () => {
    const dep = wrapDependency('edna', { sharedState: neverReady(), logger: false });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);

    const outcome = await within(
      dep.execute(() => 'ok', { signal: controller.signal }).catch((e: unknown) => e),
      2_000,
    );

    expect(outcome).not.toBe(HUNG);
    expect((outcome as Error).message).toBe('caller gave up');
  });

  it('ends the call at the deadline', async () => {
    const end = Date.now() + 200;
    const dep = wrapDependency('edna', {
      sharedState: neverReady(),
      deadline: { getRemainingTimeInMillis: () => end - Date.now() },
      logger: false,
    });

    const outcome = await within(
      dep.execute(() => 'ok').catch((e: unknown) => e),
      2_000,
    );

    expect(isTransientError(outcome)).toBe(true);
  });

  it('later calls go on with the local breaker instead of waiting again', async () => {
    const dep = wrapDependency('edna', {
      timeout: { attemptMs: 100, totalMs: 200 },
      retry: false,
      sharedState: neverReady(),
      logger: false,
    });
    await dep.execute(() => 'ok').catch(() => undefined);

    const outcome = await within(
      dep.execute(() => 'second'),
      150,
    );

    expect(outcome).toBe('second');
  });
});
