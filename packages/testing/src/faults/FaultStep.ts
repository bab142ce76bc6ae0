// The step vocabulary shared by `faults.sequence` and `faults.flaky`, and its one interpreter.
import { describeValue, readOptions } from '@bulwark/errors';
import { HttpResponse } from 'msw';
import { readDuration } from '../options/readNumberOption.js';
import { abortableDelay, untilAborted } from './abortableDelay.js';

/**
 * A scripted answer: an HTTP status, a full response, `'hang'` (no answer until the client aborts),
 * `'network-error'` (the connection fails), or a delay before another step.
 *
 * @example
 * ```ts
 * const steps: FaultStep[] = [503, { status: 429, retryAfter: 2 }, 'hang', { delayMs: 50, then: 200 }];
 * ```
 */
export type FaultStep =
  | number
  | FaultResponse
  | 'hang'
  | 'network-error'
  | { readonly delayMs: number; readonly then: FaultStep };

/**
 * A full scripted response.
 *
 * @example
 * ```ts
 * const busy: FaultResponse = { status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' };
 * ```
 */
export interface FaultResponse {
  /** HTTP status, 100-599. */
  readonly status: number;
  /** `Retry-After` value: seconds (number) or an HTTP date (string or Date). */
  readonly retryAfter?: number | string | Date;
  /** Body: strings, bytes and streams are sent as they are; anything else as JSON. */
  readonly body?: unknown;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

const NO_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const RESPONSE_KEYS = ['status', 'retryAfter', 'body', 'headers'];

/** Throws a TypeError naming `where` and the bad value unless `step` is a valid step. */
export function assertFaultStep(step: unknown, where: string): asserts step is FaultStep {
  if (typeof step === 'number') {
    assertStatus(step, where);
    return;
  }
  if (step === 'hang' || step === 'network-error') return;
  if (typeof step === 'object' && step !== null) {
    if ('delayMs' in step) {
      const { delayMs, then } = readOptions(where, step, ['delayMs', 'then']);
      readDuration(where, 'delayMs', delayMs);
      assertFaultStep(then, `${where}.then`);
      return;
    }
    if ('status' in step) {
      const { status, retryAfter } = readOptions(where, step, RESPONSE_KEYS);
      assertStatus(status, `${where}.status`);
      if (retryAfter !== undefined) assertRetryAfter(retryAfter, `${where}.retryAfter`);
      return;
    }
  }
  throw new TypeError(
    `${where}: unknown fault step ${describe(step)}; expected a status number, { status }, 'hang', 'network-error' or { delayMs, then }`,
  );
}

/** Throws a TypeError unless `status` is an integer HTTP status 100-599. */
export function assertStatus(status: unknown, where: string): asserts status is number {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(`${where} must be an integer HTTP status 100-599, got ${describe(status)}`);
  }
}

/** Throws a TypeError unless `value` is usable as a Retry-After header. */
export function assertRetryAfter(value: unknown, where: string): void {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return;
  if (typeof value === 'string' && value.trim() !== '') return;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return;
  throw new TypeError(`${where} must be seconds >= 0, an HTTP date string or a Date, got ${describe(value)}`);
}

/** Renders a scripted response. */
export function toResponse(step: FaultResponse): Response {
  const headers = new Headers(step.headers);
  if (step.retryAfter !== undefined) headers.set('retry-after', formatRetryAfter(step.retryAfter));
  let body: BodyInit | null = null;
  if (!NO_BODY_STATUSES.has(step.status) && step.body !== undefined && step.body !== null) {
    if (
      typeof step.body === 'string' ||
      step.body instanceof Uint8Array ||
      step.body instanceof ArrayBuffer ||
      step.body instanceof ReadableStream ||
      step.body instanceof Blob
    ) {
      body = step.body as BodyInit;
    } else {
      body = JSON.stringify(step.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
  }
  return new HttpResponse(body, { status: step.status, headers });
}

/** Plays one step against `request`: the response to give, or a rejected/never-settling promise. */
export async function playStep(step: FaultStep, request: Request, where: string): Promise<Response> {
  assertFaultStep(step, where);
  if (typeof step === 'number') return toResponse({ status: step });
  if (step === 'network-error') return HttpResponse.error();
  if (step === 'hang') {
    await untilAborted(request.signal);
    return HttpResponse.error();
  }
  if ('delayMs' in step) {
    const elapsed = await abortableDelay(step.delayMs, request.signal);
    return elapsed ? playStep(step.then, request, `${where}.then`) : HttpResponse.error();
  }
  return toResponse(step);
}

function formatRetryAfter(value: number | string | Date): string {
  if (typeof value === 'number') return String(Math.ceil(value));
  if (value instanceof Date) return value.toUTCString();
  return value;
}

/** Describes a bad value for an error message: by type and size, never an object's contents. */
export const describe = describeValue;
