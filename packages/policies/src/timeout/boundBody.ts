// A fetch call is over only once its body has arrived, so the call's bounds (total timeout, deadline,
// the caller's signal) keep running over the body. The returned Response streams the same bytes, read
// ahead from the network into a buffer of up to BODY_READ_AHEAD bytes whether or not the caller reads
// yet: a body that has fully arrived by the end of the call's time can be read later at leisure (the
// common `Promise.all([a.fetch(), b.fetch()])`, then `.json()` each, pattern), while a body still
// arriving when a bound fires errors (a pending or later `text()`/`json()` rejects) and its socket is
// released. The timer is unref'd: a body still arriving holds its socket, which keeps the process alive
// anyway, and a Response nobody reads must not hold a process open until the total timeout.

/** How much of a body is read ahead of the caller (1 MiB); a larger body must be consumed in time. */
export const BODY_READ_AHEAD = 1 << 20;

// Statuses whose Response cannot carry a body (the constructor throws if given one).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Copies what the Response constructor cannot take (url, redirected, type) onto the new response. */
export function withSameIdentity(copy: Response, original: Response): Response {
  Object.defineProperties(copy, {
    url: { value: original.url },
    redirected: { value: original.redirected },
    type: { value: original.type },
  });
  return copy;
}

/** Whether `new Response(body, { status })` can rebuild a response with this status. */
export function rebuildable(response: Response): boolean {
  return response.status >= 200 && response.status <= 599 && !NULL_BODY.has(response.status);
}

/**
 * `response` with a body that errors with `onEnd()` at `endAt` (epoch ms), or with a signal's reason when
 * one of `signals` fires first. A response without a body is returned as it is.
 */
export function boundBody(
  response: Response,
  endAt: number,
  signals: readonly AbortSignal[],
  onEnd: () => unknown,
): Response {
  const source = response.body;
  if (source === null || !rebuildable(response)) return response;
  const reader = source.getReader();
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  const listeners: [AbortSignal, () => void][] = [];
  // The `finished` checks keep the controller from being closed, errored or fed once the body is over;
  // calling it then throws inside pull(), which the stream swallows, so their mutants are disabled.
  const cleanup = (): void => {
    // Stryker disable next-line BooleanLiteral: only the checks below read it, and they are equivalent (see above)
    finished = true;
    clearTimeout(timer);
    for (const [signal, listener] of listeners) signal.removeEventListener('abort', listener);
  };
  const stop = (reason: unknown): void => {
    // Stryker disable next-line ConditionalExpression: cleanup() removed every listener and the timer, so nothing calls stop() twice
    if (finished) return;
    cleanup();
    try {
      // Stryker disable next-line OptionalChaining: start() sets stream before anything can call stop()
      stream?.error(reason);
    } catch {
      // already closed or errored
    }
    reader.cancel(reason).catch(() => undefined);
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream = controller;
        for (const signal of signals) {
          if (signal.aborted) return stop(signal.reason);
          const listener = (): void => stop(signal.reason);
          // No `once`: cleanup() removes it, fired or not.
          signal.addEventListener('abort', listener);
          listeners.push([signal, listener]);
        }
        const left = endAt - Date.now();
        if (left <= 0) return stop(onEnd());
        timer = setTimeout(() => stop(onEnd()), left);
        timer.unref();
      },
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          // Stryker disable next-line ConditionalExpression: erroring an already errored or closed stream is a no-op
          if (!finished) {
            cleanup();
            controller.error(error);
          }
          return;
        }
        // Stryker disable next-line ConditionalExpression: a stopped body's source was cancelled, so its read is done; closing the errored stream then throws inside pull(), which the stream ignores
        if (finished) return;
        if (chunk.done) {
          cleanup();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      },
      cancel(reason) {
        cleanup();
        return reader.cancel(reason);
      },
    },
    // Read ahead of the caller, counted in bytes, so a body that arrives in time is kept for a late read.
    { highWaterMark: BODY_READ_AHEAD, size: (chunk) => chunk.byteLength },
  );
  const bounded = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  return withSameIdentity(bounded, response);
}
