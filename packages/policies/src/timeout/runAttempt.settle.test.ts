// runAttempt settles once: whatever fires second (a late value or error after the timeout, a thenable
// calling both callbacks, a late interrupt) changes nothing, and onSettle (the slow-call breaker's sample)
// is reported exactly once, or never for an interrupted attempt. Its timer is cleared on every settle and
// never holds the process open.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecuteContext } from '../Dependency.js';
import { type CallState, Interrupted, runAttempt } from './runAttempt.js';

const timeUp = new Error('edna: attempt timed out');
const abortReason = new Error('edna: attempt timed out (abort)');

/** fn the test settles by hand; records the context it was given. */
function controlled<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const seen: ExecuteContext[] = [];
  const fn = (ctx: ExecuteContext) => {
    seen.push(ctx);
    return new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { fn, seen, resolve: (v: T) => resolve(v), reject: (e: unknown) => reject(e) };
}

/** A thenable that calls both of its callbacks, `first` first. */
function bothCallbacks(first: 'value' | 'error'): Promise<string> {
  const thenable = {
    // biome-ignore lint/suspicious/noThenProperty: a thenable that calls both callbacks is the case under test
    then: (ok: (v: string) => void, no: (e: unknown) => void) => {
      if (first === 'value') {
        ok('v');
        no('e');
      } else {
        no('e');
        ok('v');
      }
    },
  };
  return thenable as unknown as Promise<string>;
}

function start<T>(fn: (ctx: ExecuteContext) => Promise<T> | T, onSettle: () => void) {
  const call: CallState = { interrupt: undefined, stopped: undefined };
  const result = runAttempt(
    fn,
    call,
    1,
    500,
    Date.now() + 500,
    undefined,
    abortReason,
    () => timeUp,
    onSettle,
  );
  return {
    call,
    result: result.then(
      (v) => ({ value: v }),
      (e: unknown) => ({ error: e }),
    ),
  };
}

describe('runAttempt settles once', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['a late value', (c: ReturnType<typeof controlled<string>>) => c.resolve('late')],
    ['a late error', (c: ReturnType<typeof controlled<string>>) => c.reject(new Error('late'))],
  ])('after the timeout, %s reports no second onSettle', async (_label, late) => {
    // Prepare
    const onSettle = vi.fn();
    const c = controlled<string>();
    const { result } = start(c.fn, onSettle);
    // Act
    await vi.advanceTimersByTimeAsync(500);
    late(c);
    await vi.advanceTimersByTimeAsync(0);
    // Assess
    expect(await result).toEqual({ error: timeUp });
    expect(onSettle).toHaveBeenCalledTimes(1);
    expect(c.seen[0]!.signal.reason).toBe(abortReason);
  });

  it.each([
    ['a late value', (c: ReturnType<typeof controlled<string>>) => c.resolve('late')],
    ['a late error', (c: ReturnType<typeof controlled<string>>) => c.reject(new Error('late'))],
  ])(
    'an interrupted attempt reports no onSettle, not even on %s, and leaves no timer',
    async (_label, late) => {
      // Prepare
      const onSettle = vi.fn();
      const c = controlled<string>();
      const { call, result } = start(c.fn, onSettle);
      const why = new Interrupted('cancel', 'caller left');
      // Act
      call.interrupt?.(why);
      const timers = vi.getTimerCount();
      late(c);
      await vi.advanceTimersByTimeAsync(1_000);
      // Assess
      expect(await result).toEqual({ error: why });
      expect(onSettle).not.toHaveBeenCalled();
      expect(timers).toBe(0);
      expect(c.seen[0]!.signal.reason).toBe('caller left');
    },
  );

  it.each([
    ['value then error', bothCallbacks('value'), { value: 'v' }],
    ['error then value', bothCallbacks('error'), { error: 'e' }],
  ])('a thenable calling %s settles with the first, onSettle once', async (_label, thenable, expected) => {
    const onSettle = vi.fn();
    const { result } = start(() => thenable, onSettle);
    expect(await result).toEqual(expected);
    expect(onSettle).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an interrupt that arrives after the attempt settled never aborts fn's signal", async () => {
    // Prepare: a body still being read on fn's signal after fn resolved must not be cut.
    const c = controlled<string>();
    const { call, result } = start(c.fn, () => undefined);
    const interrupt = call.interrupt!;
    // Act
    c.resolve('ok');
    await result;
    interrupt(new Interrupted('cancel', 'too late'));
    // Assess
    expect(await result).toEqual({ value: 'ok' });
    expect(c.seen[0]!.signal.aborted).toBe(false);
  });
});

describe('runAttempt on real timers', () => {
  const refedTimers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

  it('the attempt timer does not hold the process open (keepAlive.ts holds it while a call is in flight)', async () => {
    // Prepare
    const c = controlled<string>();
    const before = refedTimers();
    // Act
    const { call, result } = start(c.fn, () => undefined);
    const held = refedTimers() - before;
    call.interrupt?.(new Interrupted('cancel', 'done'));
    await result;
    // Assess
    expect(held).toBe(0);
  });
});
