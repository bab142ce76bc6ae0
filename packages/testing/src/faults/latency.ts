import { readOptions } from '@bulwark/errors';
import { HttpResponse } from 'msw';
import { readDuration } from '../options/readNumberOption.js';
import { abortableDelay } from './abortableDelay.js';
import { type FaultHandler, type FaultUrl, faultHandler } from './FaultHandler.js';
import { assertStatus, toResponse } from './FaultStep.js';

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
  const o = readOptions('faults.latency', options ?? null, ['ms', 'status', 'body']);
  const ms = readDuration('faults.latency', 'ms', o.ms);
  const { status = 200, body } = o;
  assertStatus(status, 'faults.latency: status');
  return faultHandler(url, async (request) => {
    const elapsed = await abortableDelay(ms, request.signal);
    return elapsed ? toResponse({ status, body }) : HttpResponse.error();
  });
}
