import { readOptions } from '@bulwark/errors';
import { type FaultHandler, type FaultUrl, faultHandler } from './FaultHandler.js';
import { assertRetryAfter, assertStatus, toResponse } from './FaultStep.js';

/**
 * Options of {@link status}.
 *
 * @example
 * ```ts
 * const options: StatusOptions = { retryAfter: 30, body: { message: 'slow down' } };
 * ```
 */
export interface StatusOptions {
  /** `Retry-After` header: seconds, or an HTTP date (string or Date). @defaultValue none */
  readonly retryAfter?: number | string | Date;
  /** Body (JSON unless a string/bytes/stream). @defaultValue no body */
  readonly body?: unknown;
  /** Extra headers. @defaultValue none */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Answers every request with `status`, optionally with `Retry-After`.
 *
 * @example
 * ```ts
 * server.use(faults.status('https://edna.test/*', 429, { retryAfter: 2 }));
 * ```
 */
export function status(url: FaultUrl, status: number, options?: StatusOptions): FaultHandler {
  assertStatus(status, 'faults.status: status');
  const o = readOptions('faults.status', options, ['retryAfter', 'body', 'headers']) as StatusOptions;
  if (o.retryAfter !== undefined) assertRetryAfter(o.retryAfter, 'faults.status: retryAfter');
  return faultHandler(url, () => toResponse({ status, ...o }));
}
