// The attempt as fn sees it: the signal it is given carries the caller's reason when the caller cancels,
// and the dependency's prebuilt timeout error when the attempt or a deadline cuts it; a cancelled attempt
// reports no timeout later; any value fn returns (null, undefined, a plain value, a thenable) or throws
// synchronously is its outcome.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecuteContext } from '../Dependency.js';
import { withDeadline } from '../deadline/withDeadline.js';
import { wrapDependency } from '../wrapDependency.js';

/** fn that hangs and hands its context out. */
function hanging() {
  const seen: ExecuteContext[] = [];
  const fn = (ctx: ExecuteContext) => {
    seen.push(ctx);
    return new Promise<string>(() => {});
  };
  return { fn, seen };
}

describe('runAttempt, as fn sees it', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a caller's cancel aborts fn's signal with the caller's reason, and no timeout follows", async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      timeout: { attemptMs: 500, totalMs: 500 },
    });
    const timeouts: unknown[] = [];
    dep.onTimeout((e) => timeouts.push(e));
    const { fn, seen } = hanging();
    const controller = new AbortController();
    const call = dep.execute(fn, { signal: controller.signal }).catch((e: unknown) => e);
    // Act
    controller.abort('caller left');
    const result = await call;
    await vi.advanceTimersByTimeAsync(1_000);
    // Assess
    expect(result).toBe('caller left');
    expect(seen[0]!.signal.reason).toBe('caller left');
    expect(timeouts).toEqual([]);
    expect(dep.stats().timeouts).toBe(0);
  });

  it.each([
    [
      'the attempt timeout',
      (dep: ReturnType<typeof wrapDependency>, fn: (c: ExecuteContext) => Promise<string>) => dep.execute(fn),
      500,
    ],
    [
      'a deadline signal',
      (dep: ReturnType<typeof wrapDependency>, fn: (c: ExecuteContext) => Promise<string>) => {
        const controller = new AbortController();
        setTimeout(() => controller.abort('invocation ending'), 200);
        return withDeadline(controller.signal, () => dep.execute(fn));
      },
      200,
    ],
  ] as const)("%s aborts fn's signal with the dependency's timeout error", async (_label, start, ms) => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: false,
      timeout: { attemptMs: 500, totalMs: 500 },
    });
    const { fn, seen } = hanging();
    const call = start(dep, fn).catch((e: unknown) => e);
    // Act
    await vi.advanceTimersByTimeAsync(ms);
    await call;
    // Assess
    const reason = seen[0]!.signal.reason;
    expect(reason).toBeInstanceOf(TransientError);
    expect(reason).toMatchObject({
      message: 'edna: attempt timed out',
      reason: 'timeout',
      code: 'ETIMEDOUT',
    });
  });

  it.each([
    ['null', () => null, null],
    ['undefined', () => undefined, undefined],
    ['a plain value', () => 42, 42],
    // biome-ignore lint/suspicious/noThenProperty: a thenable is exactly what this case gives fn to return
    ['a thenable', () => ({ then: (resolve: (v: string) => void) => resolve('later') }), 'later'],
  ])('fn returning %s resolves with it', async (_label, fn, expected) => {
    const dep = wrapDependency('edna', { logger: false });
    await expect(dep.execute(fn as never)).resolves.toBe(expected);
  });

  it('fn throwing synchronously is a failed attempt (retried like any other)', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 2, backoff: { jitter: 'none', initialDelayMs: 10, maxDelayMs: 10 } },
    });
    let n = 0;
    // Act
    const call = dep.execute(() => {
      if (n++ === 0) throw new TransientError('edna answered 503', { status: 503 });
      return 'ok';
    });
    await vi.advanceTimersByTimeAsync(10);
    // Assess
    await expect(call).resolves.toBe('ok');
    expect(dep.stats()).toMatchObject({ attempts: 2, retries: 1 });
  });
});
