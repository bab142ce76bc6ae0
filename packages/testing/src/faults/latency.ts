import { HttpResponse } from 'msw';
import { abortableDelay } from './abortableDelay.js';
import { type FaultHandler, type FaultUrl, faultHandler } from './FaultHandler.js';
import { assertStatus, describe, toResponse } from './FaultStep.js';

/**
 * Options of {@link latency}.
 *
 * @example
 * ```ts
 * const options: LatencyOptions = { ms: 2_000, status: 200, body: { ok: true } };
 * ```
 */
export interface LatencyOptions {
  /** Delay before the answer, in milliseconds. */
  readonly ms: number;
  /** Status of the late answer. @defaultValue 200 */
  readonly status?: number;
  /** Body of the late answer (JSON unless a string/bytes/stream). @defaultValue no body */
  readonly body?: unknown;
}

/**
 * Answers every request after `ms` milliseconds. If the client aborts first, the timer is cleared
 * and the request fails like a dropped connection.
 *
 * @example
 * ```ts
 * server.use(faults.latency('https://edna.test/*', { ms: 5_000 }));
 * ```
 */
export function latency(url: FaultUrl, options: LatencyOptions): FaultHandler {
  const { ms, status = 200, body } = options ?? ({} as LatencyOptions);
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new TypeError(`faults.latency: ms must be a finite number >= 0, got ${describe(ms)}`);
  }
  assertStatus(status, 'faults.latency: status');
  return faultHandler(url, async (request) => {
    const elapsed = await abortableDelay(ms, request.signal);
    return elapsed ? toResponse({ status, body }) : HttpResponse.error();
  });
}
