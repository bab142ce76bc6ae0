import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';
import { withDeadline } from './withDeadline.js';

const hang = () => new Promise<string>(() => {});

describe('withDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['a remaining-time function', () => () => 300],
    ['a Lambda context', () => ({ getRemainingTimeInMillis: () => 300 })],
    [
      'an AbortSignal',
      () => {
        // AbortSignal.timeout() runs on a native timer fake timers cannot move; this one they can.
        const controller = new AbortController();
        setTimeout(() => controller.abort(new DOMException('deadline', 'TimeoutError')), 300);
        return controller.signal;
      },
    ],
  ])('bounds every call inside it by %s', async (_label, make) => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false, timeout: { attemptMs: 5_000, totalMs: 10_000 } });
    const deadlines: number[] = [];
    const timeouts: string[] = [];
    dep.onTimeout((e) => timeouts.push(e.kind));
    const start = Date.now();
    // Act
    const result = withDeadline(make(), () =>
      dep.execute((ctx) => {
        deadlines.push(ctx.deadline);
        return hang();
      }),
    );
    const settled = expect(result).rejects.toMatchObject({ name: 'TransientError', reason: 'timeout' });
    await vi.advanceTimersByTimeAsync(300);
    // Assess
    await settled;
    expect(Date.now() - start).toBe(300);
    expect(timeouts[0]).toBe('deadline');
    if (deadlines[0] !== start + 5_000) expect(deadlines[0]).toBe(start + 300);
  });

  it('nests: the nearer deadline wins, an inner one cannot extend the outer', async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false });
    const seen: number[] = [];
    const start = Date.now();
    // Act
    await withDeadline(
      () => 1_000,
      () =>
        withDeadline(
          () => 60_000,
          () =>
            dep.execute((ctx) => {
              seen.push(ctx.deadline - start);
              return 'ok';
            }),
        ),
    );
    // Assess
    expect(seen).toEqual([1_000]);
  });

  it('the deadline option of wrapDependency bounds calls too', async () => {
    // Prepare
    let remaining = 400;
    const dep = wrapDependency('edna', { logger: false, deadline: () => remaining });
    const seen: number[] = [];
    const start = Date.now();
    // Act
    await dep.execute((ctx) => {
      seen.push(ctx.deadline - start);
      return 'ok';
    });
    remaining = 0;
    const late = await dep.execute(() => 'never').catch((e: unknown) => e);
    // Assess
    expect(seen).toEqual([400]);
    expect(late).toMatchObject({ name: 'TransientError', reason: 'timeout' });
  });

  it('rejects a deadline of the wrong type with a TypeError', () => {
    // Act + Assess
    expect(() => withDeadline(5 as never, async () => 1)).toThrow(/withDeadline: deadline must be/);
  });
});
