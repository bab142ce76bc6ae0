// Time for the assertions: vitest/sinon fake timers when installed (found by the `clock` that
// @sinonjs/fake-timers hangs on the faked setTimeout, so vitest is not imported), real time otherwise.

import { AssertionError } from 'node:assert';

interface FakeClock {
  now: number;
  tickAsync(ms: number): Promise<unknown>;
  nextAsync?(): Promise<unknown>;
  countTimers?(): number;
  /** @sinonjs/fake-timers keeps them in a Map (older versions: a plain object). */
  timers?: Map<unknown, { callAt: number }> | Record<string, { callAt: number }>;
}

function fakeClock(): FakeClock | undefined {
  const clock = (globalThis.setTimeout as unknown as { clock?: Partial<FakeClock> }).clock;
  return clock && typeof clock.tickAsync === 'function' ? (clock as FakeClock) : undefined;
}

/** Moves time forward by `ms`: fake time when faked (running timers and their continuations), else waits. */
export async function advance(ms: number): Promise<void> {
  const clock = fakeClock();
  if (clock) {
    await clock.tickAsync(ms);
    return;
  }
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
}

export type Outcome<T> =
  | { readonly status: 'fulfilled'; readonly value: T }
  | { readonly status: 'rejected'; readonly reason: unknown }
  | { readonly status: 'pending' };

/**
 * Lets `promise` settle, moving time no further than it needs: with fake timers, timer by timer (so an
 * assertion that follows sees the clock where the call left it), up to `maxMs`; with real time, polling.
 */
export async function settle<T>(promise: Promise<T>, maxMs: number): Promise<Outcome<T>> {
  let outcome: Outcome<T> = { status: 'pending' };
  promise.then(
    (value) => {
      outcome = { status: 'fulfilled', value };
    },
    (reason: unknown) => {
      outcome = { status: 'rejected', reason };
    },
  );
  await advance(0);
  const clock = fakeClock();
  if (clock) {
    const end = clock.now + maxMs;
    while (outcome.status === 'pending' && clock.now < end) {
      const next = nextTimerAt(clock);
      if (next === undefined) break; // nothing scheduled: it can only settle through something else
      await clock.tickAsync(Math.max(0, Math.min(next, end) - clock.now));
    }
    return outcome;
  }
  const step = Math.max(1, Math.min(10, maxMs));
  for (let waited = 0; outcome.status === 'pending' && waited < maxMs; waited += step) {
    await advance(step);
  }
  return outcome;
}

function nextTimerAt(clock: FakeClock): number | undefined {
  if (clock.timers === undefined) return clock.now + 1;
  let next: number | undefined;
  const timers = clock.timers instanceof Map ? [...clock.timers.values()] : Object.values(clock.timers);
  for (const timer of timers) if (next === undefined || timer.callAt < next) next = timer.callAt;
  return next;
}

export function fail(assertion: string, message: string): never {
  throw new AssertionError({ message: `${assertion}: ${message}`, stackStartFn: fail });
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
