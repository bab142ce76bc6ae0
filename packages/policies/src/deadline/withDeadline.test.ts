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
    expect(late).toMatchObject({
      name: 'TransientError',
      reason: 'timeout',
      message: 'edna: the deadline reached after 0 attempt(s)',
    });
  });

  const rule = 'an AbortSignal, a { getRemainingTimeInMillis() } object or a function';
  it.each([
    [5, '5'],
    [null, 'null'],
    [undefined, 'undefined'],
    // String() of a null-prototype object throws: the message must still name the field.
    [Object.create(null), 'an object'],
    [{ getRemainingTimeInMillis: 300 }, 'an object'],
  ])('rejects the deadline %o with a TypeError naming it', (deadline, described) => {
    // Act + Assess
    expect(() => withDeadline(deadline as never, async () => 1)).toThrow(
      new TypeError(`withDeadline: deadline must be ${rule}, got ${described}`),
    );
  });

  it('rejects an fn that is not a function, before running anything', () => {
    // Act + Assess
    expect(() => withDeadline(() => 1_000, { call: 1 } as never)).toThrow(
      new TypeError('withDeadline: fn must be a function, got an object'),
    );
  });

  it('an already-aborted signal ends a call before its first attempt, as a deadline timeout', async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false });
    const fn = vi.fn(async () => 'ok');
    // Act
    const error = await withDeadline(AbortSignal.abort(), () => dep.execute(fn)).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'TransientError',
      reason: 'timeout',
      message: 'edna: the deadline reached after 0 attempt(s)',
    });
    expect(fn).not.toHaveBeenCalled();
  });
});
