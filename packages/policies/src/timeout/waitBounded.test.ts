// waitBounded on its own: it resolves when the awaited promise settles (either way) and then leaves no
// timer or listener; it ends with an Interrupted of the right kind and reason when the time runs out
// (calling onExpire once), the caller's signal fires ('cancel'), or a deadline signal fires ('deadline'),
// already-aborted signals included.
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Interrupted } from './runAttempt.js';
import { waitBounded } from './waitBounded.js';

const never = new Promise<void>(() => {});

describe('waitBounded', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['resolves', () => Promise.resolve()],
    ['rejects', () => Promise.reject(new Error('ready failed'))],
  ])('resolves when the awaited promise %s, leaving no timer or listener', async (_label, make) => {
    const awaited = make();
    // Prepare
    const caller = new AbortController();
    const deadline = new AbortController();
    const onExpire = vi.fn();
    // Act
    await waitBounded(awaited, 1_000, 'total', caller.signal, [deadline.signal], onExpire);
    // Assess
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(deadline.signal, 'abort')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(onExpire).not.toHaveBeenCalled();
  });

  it.each(['total', 'deadline'] as const)(
    "ends as '%s' when the time runs out, calling onExpire once",
    async (kind) => {
      // Prepare
      const onExpire = vi.fn();
      const waiting = waitBounded(never, 500, kind, undefined, undefined, onExpire).catch((e: unknown) => e);
      // Act
      await vi.advanceTimersByTimeAsync(499);
      expect(onExpire).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      // Assess
      expect(await waiting).toEqual(new Interrupted(kind, undefined));
      expect(onExpire).toHaveBeenCalledTimes(1);
    },
  );

  it("ends as 'cancel' with the caller's reason, as 'deadline' with a deadline signal's", async () => {
    // Prepare
    const caller = new AbortController();
    const deadline = new AbortController();
    const a = waitBounded(never, 1_000, 'total', caller.signal, undefined, () => {}).catch((e: unknown) => e);
    const b = waitBounded(never, 1_000, 'total', undefined, [deadline.signal], () => {}).catch(
      (e: unknown) => e,
    );
    // Act
    caller.abort('caller left');
    deadline.abort('invocation ending');
    // Assess
    expect(await a).toEqual(new Interrupted('cancel', 'caller left'));
    expect(await b).toEqual(new Interrupted('deadline', 'invocation ending'));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already-aborted signal ends the wait at once', async () => {
    const a = waitBounded(never, 1_000, 'total', AbortSignal.abort('gone'), undefined, () => {});
    await expect(a).rejects.toEqual(new Interrupted('cancel', 'gone'));
    const b = waitBounded(never, 1_000, 'total', undefined, [AbortSignal.abort('late')], () => {});
    await expect(b).rejects.toEqual(new Interrupted('deadline', 'late'));
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an already-aborted caller's signal leaves no listener on a live deadline signal", async () => {
    // Prepare: many calls cancelled before they start, within one invocation's deadline signal
    const deadline = new AbortController();
    // Act
    for (let i = 0; i < 3; i++) {
      const wait = waitBounded(never, 1_000, 'total', AbortSignal.abort('gone'), [deadline.signal], () => {});
      await expect(wait).rejects.toEqual(new Interrupted('cancel', 'gone'));
    }
    // Assess: none left to pile up on the invocation's signal (Node warns past 10)
    expect(getEventListeners(deadline.signal, 'abort')).toHaveLength(0);
  });
});
