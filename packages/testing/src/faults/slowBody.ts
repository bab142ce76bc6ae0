import { readOptions } from '@bulwark/errors';
import { HttpResponse } from 'msw';
import { readDuration } from '../options/readNumberOption.js';
import { type FaultHandler, type FaultUrl, faultHandler } from './FaultHandler.js';
import { assertStatus, describe } from './FaultStep.js';

/**
 * Options of {@link slowBody}.
 *
 * @example
 * ```ts
 * const options: SlowBodyOptions = { chunks: ['{"items":[', '1,2', ']}'], intervalMs: 500 };
 * ```
 */
export interface SlowBodyOptions {
  /** The body's chunks, or how many generated chunks (`chunk 0\n`, `chunk 1\n`, ...) to send. */
  readonly chunks: readonly (string | Uint8Array)[] | number;
  /** Pause before each chunk after the first, in milliseconds. */
  readonly intervalMs: number;
  /** Status sent at once with the headers. @defaultValue 200 */
  readonly status?: number;
  /** Extra headers. @defaultValue none */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends the status and headers (with the body's exact `content-length`) at once, then the body a chunk at a
 * time: the case a timeout that stops at "headers received" misses. Aborting the request stops the stream and clears its timer.
 *
 * @example
 * ```ts
 * server.use(faults.slowBody('https://edna.test/report', { chunks: 5, intervalMs: 1_000 }));
 * ```
 */
export function slowBody(url: FaultUrl, options: SlowBodyOptions): FaultHandler {
  const o = readOptions('faults.slowBody', options ?? null, ['chunks', 'intervalMs', 'status', 'headers']);
  const { chunks, status = 200 } = o as { chunks: SlowBodyOptions['chunks']; status?: number };
  const headers = o.headers as SlowBodyOptions['headers'];
  const intervalMs = readDuration('faults.slowBody', 'intervalMs', o.intervalMs);
  let parts: readonly (string | Uint8Array)[];
  if (typeof chunks === 'number') {
    if (!Number.isInteger(chunks) || chunks < 1) {
      throw new TypeError(
        `faults.slowBody: chunks must be an integer >= 1 or an array, got ${describe(chunks)}`,
      );
    }
    parts = Array.from({ length: chunks }, (_, index) => `chunk ${index}\n`);
  } else if (Array.isArray(chunks) && chunks.length > 0) {
    parts = [...chunks];
  } else {
    throw new TypeError(
      `faults.slowBody: chunks must be an integer >= 1 or a non-empty array, got ${describe(chunks)}`,
    );
  }
  assertStatus(status, 'faults.slowBody: status');
  const encoder = new TextEncoder();
  // Sent with its exact content-length, as a server streaming a known body does. (Without one the body is
  // close-delimited, and undici trips an internal assertion under msw's mock socket when a client ends
  // such a response mid-stream: reproduced with plain fetch, a reader loop and an abort.)
  const length = parts.reduce(
    (sum, part) => sum + (typeof part === 'string' ? encoder.encode(part).byteLength : part.byteLength),
    0,
  );
  return faultHandler(url, (request) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let index = 0;
        const push = (): void => {
          timer = undefined;
          const part = parts[index++];
          if (part === undefined) {
            controller.close();
            return;
          }
          controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
          if (index < parts.length) timer = setTimeout(push, intervalMs);
          else controller.close();
        };
        request.signal.addEventListener(
          'abort',
          () => {
            if (timer !== undefined) clearTimeout(timer);
            timer = undefined;
            try {
              controller.error(request.signal.reason);
            } catch {
              // already closed: nothing left to stop
            }
          },
          { once: true },
        );
        push();
      },
      cancel() {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
      },
    });
    return new HttpResponse(stream, {
      status,
      headers: { 'content-type': 'text/plain', 'content-length': String(length), ...headers },
    });
  });
}
