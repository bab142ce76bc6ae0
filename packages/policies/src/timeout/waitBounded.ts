// A wait the chain does not control (a custom SharedBreakerState's ready()) bounded by the call's own
// time and signals: whatever the awaited promise does, the call ends when its bounds say so.

import { Interrupted } from './runAttempt.js';

/**
 * Resolves when `awaited` settles, or rejects with an {@link Interrupted} when `leftMs` runs out
 * (`endKind`), the caller's signal fires (`'cancel'`) or a deadline signal fires (`'deadline'`).
 * The timer is ref'd: the call is in flight. `onExpire` runs when the time runs out.
 */
export function waitBounded(
  awaited: Promise<unknown>,
  leftMs: number,
  endKind: 'total' | 'deadline',
  callerSignal: AbortSignal | undefined,
  deadlineSignals: readonly AbortSignal[] | undefined,
  onExpire: () => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const listeners: [AbortSignal, () => void][] = [];
    let done = false;
    const end = (why: Interrupted | undefined): void => {
      // Stryker disable next-line ConditionalExpression: a second end() finds the timer cleared, no listener left and the promise settled
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const [signal, listener] of listeners) signal.removeEventListener('abort', listener);
      if (why === undefined) resolve();
      else reject(why);
    };
    const timer = setTimeout(
      () => {
        onExpire();
        end(new Interrupted(endKind, undefined));
      },
      Math.max(0, leftMs),
    );
    const watch = (signal: AbortSignal, kind: 'cancel' | 'deadline'): void => {
      // Ended by an earlier signal: a listener added now would never be removed.
      if (done) return;
      if (signal.aborted) {
        end(new Interrupted(kind, signal.reason));
        return;
      }
      const listener = (): void => end(new Interrupted(kind, signal.reason));
      // No `once`: end() removes it, fired or not.
      signal.addEventListener('abort', listener);
      listeners.push([signal, listener]);
    };
    if (callerSignal !== undefined) watch(callerSignal, 'cancel');
    for (const signal of deadlineSignals ?? []) watch(signal, 'deadline');
    awaited.then(
      () => end(undefined),
      () => end(undefined),
    );
  });
}
