// holdThen: a call held by a gate (a cooldown after pushback, a reserved rate-limit token) ends when a
// deadline signal fires during the hold, as a deadline timeout, without its attempt ever running; and
// with the caller's reason when the caller aborts. Driven through wrapDependency with fake timers.
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from '../deadline/withDeadline.js';
import { wrapDependency } from '../wrapDependency.js';

const throttled = (retryAfterMs: number) =>
  new TransientError('429', { status: 429, reason: 'throttled', retryAfterMs });

describe('holdThen', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a deadline signal that fires during a cooldown hold ends the call then, as a deadline timeout', async () => {
    // Prepare: a 10 s cooldown; the held call's only bound early is a deadline signal
    const dep = wrapDependency('edna', { logger: false, retry: { maxAttempts: 1 } });
    await dep.execute(() => Promise.reject(throttled(10_000))).catch(() => undefined);
    const controller = new AbortController();
    const fn = vi.fn(async () => 'ok');
    const start = Date.now();
    const held = withDeadline(controller.signal, () => dep.execute(fn)).catch((e: unknown) => e);
    // Act
    await vi.advanceTimersByTimeAsync(500);
    controller.abort(new Error('invocation ending'));
    const error = await held;
    // Assess
    expect(Date.now() - start).toBe(500);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({
      message: 'edna: the deadline reached after 0 attempt(s)',
      reason: 'timeout',
      code: 'ETIMEDOUT',
    });
    expect(fn).not.toHaveBeenCalled();
    expect(dep.stats()).toMatchObject({ held: 1, inFlight: 0 });
  });

  it('a deadline signal that fires while a rate-limit token is reserved ends the call as a deadline timeout', async () => {
    // Prepare: one call a second; the second waits 1 s for its token
    const dep = wrapDependency('edna', { logger: false, rateLimit: { perSecond: 1 } });
    await dep.execute(async () => 'first');
    const controller = new AbortController();
    const fn = vi.fn(async () => 'ok');
    const held = withDeadline(controller.signal, () => dep.execute(fn)).catch((e: unknown) => e);
    // Act
    await vi.advanceTimersByTimeAsync(200);
    controller.abort();
    // Assess
    expect(await held).toMatchObject({
      name: 'TransientError',
      message: 'edna: the deadline reached after 0 attempt(s)',
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it('a held call whose deadline signal never fires runs once the hold is over', async () => {
    // Prepare
    const dep = wrapDependency('edna', { logger: false, retry: { maxAttempts: 1 } });
    await dep.execute(() => Promise.reject(throttled(1_000))).catch(() => undefined);
    const controller = new AbortController();
    // Act
    const held = withDeadline(controller.signal, () => dep.execute(async () => 'ok'));
    await vi.advanceTimersByTimeAsync(2_000);
    // Assess
    await expect(held).resolves.toBe('ok');
  });
});
