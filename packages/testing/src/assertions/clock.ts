// Time for the assertions: vitest/sinon fake timers when installed (found by the `clock` that
// @sinonjs/fake-timers hangs on the faked setTimeout, so vitest is not imported), real time otherwise.

import { AssertionError } from 'node:assert';

interface FakeClock {
  tickAsync(ms: number): Promise<unknown>;
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

/** Advances time (in up to 50 steps) until `promise` settles or `maxMs` has passed. */
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
  const step = Math.max(1, Math.ceil(maxMs / 50));
  for (let waited = 0; outcome.status === 'pending' && waited < maxMs; waited += step) {
    await advance(Math.min(step, maxMs - waited));
  }
  return outcome;
}

export function fail(assertion: string, message: string): never {
  throw new AssertionError({ message: `${assertion}: ${message}`, stackStartFn: fail });
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
