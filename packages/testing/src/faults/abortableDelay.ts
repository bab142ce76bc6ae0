// Waits `ms`, but gives up the moment the request is aborted, so a cancelled client never leaves a
// timer behind (vitest's fake timers and `--detect-open-handles` both see it gone).

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts (clearing the timer). */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Never resolves with a response: settles only when `signal` aborts, and holds no timer. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
