// The HTTP adapter over execute: each attempt is a real fetch with the attempt's signal; a status >= 400
// becomes a typed error through the classifier (Retry-After honoured), its body released at once; a
// Request is cloned per attempt and a stream body allows one attempt; the call's time, deadline and
// signal bound the body as well (or the body is read inside the attempt with `bufferBody`).

import {
  type Classification,
  optionError,
  PermanentError,
  readOptions,
  TransientError,
} from '@bulwark/errors';
import type { ExecuteContext, FetchOptions } from '../Dependency.js';
import { SINGLE_ATTEMPT } from '../options/singleAttempt.js';
import type { Bounds, InternalOptions } from '../pipeline/call.js';
import { annotateHttp } from '../telemetry/otel.js';
import { boundBody, rebuildable, withSameIdentity } from '../timeout/boundBody.js';

/** What the adapter needs from the chain. */
export interface FetchHost<F> {
  readonly name: string;
  readonly totalMs: number;
  readonly classify: (error: unknown) => Classification;
  bounds(start: number): Bounds;
  run<T>(fn: (context: ExecuteContext) => Promise<T>, options: InternalOptions<T>): Promise<T | F>;
}

function describeTarget(input: string | URL | Request): string {
  try {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return `${url.origin}${url.pathname}`; // never the query: it may hold secrets
  } catch {
    return 'the request';
  }
}

export function fetchThrough<F>(
  host: FetchHost<F>,
  input: string | URL | Request,
  init: RequestInit | undefined,
  fetchOptions: FetchOptions | undefined,
): Promise<Response | F> {
  const name = host.name;
  let bufferBody: boolean;
  try {
    const read = readOptions(`${name}.fetch`, fetchOptions, ['bufferBody']);
    if (read.bufferBody !== undefined && typeof read.bufferBody !== 'boolean') {
      throw optionError(`${name}.fetch`, 'bufferBody', read.bufferBody, 'a boolean');
    }
    bufferBody = read.bufferBody === true;
  } catch (error) {
    return Promise.reject(error);
  }
  const isRequest = input instanceof Request;
  const callerSignal = init?.signal ?? (isRequest ? input.signal : undefined);
  const body = init?.body ?? undefined;
  // A stream can be read once: such a call gets one attempt. A Request is cloned per attempt.
  const replayable = !(body instanceof ReadableStream);
  const method = (init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase();
  const classify = host.classify;
  const attemptFetch = async ({ signal }: ExecuteContext): Promise<Response> => {
    annotateHttp(method, input);
    const request = isRequest ? input.clone() : input;
    const response = await fetch(request, { ...init, signal });
    if (response.status < 400) {
      if (!bufferBody || response.body === null || !rebuildable(response)) return response;
      // Read inside the attempt: its timeout covers the body, and a stalled body is retried.
      const bytes = await response.arrayBuffer();
      const init = { status: response.status, statusText: response.statusText, headers: response.headers };
      return withSameIdentity(new Response(bytes, init), response);
    }
    const c = classify(response);
    // Release the failed attempt's body now, or its socket stays checked out until GC.
    await response.body?.cancel().catch(() => undefined);
    const message = `${name}: ${method} ${describeTarget(input)} answered ${response.status}`;
    const details = {
      dependency: name,
      status: response.status,
      reason: c.reason,
      // Stryker disable next-line ConditionalExpression: TransientError and PermanentError drop an undefined retryAfterMs (no own key)
      ...(c.retryAfterMs === undefined ? {} : { retryAfterMs: c.retryAfterMs }),
    };
    throw c.kind === 'transient'
      ? new TransientError(message, details)
      : new PermanentError(message, details);
  };
  const options: InternalOptions<Response> = {
    ...(callerSignal ? { signal: callerSignal } : {}),
    ...(replayable ? {} : { [SINGLE_ATTEMPT]: true as const }),
  };
  const bounds = host.bounds(Date.now());
  const result = host.run(attemptFetch, options);
  if (bufferBody) return result;
  // The call is over only once its body is read: the total timeout, deadline and signal bound that too.
  const signals = callerSignal ? [callerSignal, ...(bounds.signals ?? [])] : (bounds.signals ?? []);
  return result.then((value) =>
    value instanceof Response
      ? boundBody(value, bounds.endAt, signals, () => bodyTimeoutError(host, bounds.endKind))
      : value,
  );
}

function bodyTimeoutError<F>(host: FetchHost<F>, kind: 'total' | 'deadline'): TransientError {
  const what = kind === 'total' ? `total timeout of ${host.totalMs} ms` : 'the deadline';
  return new TransientError(`${host.name}: ${what} reached while the response body was read`, {
    dependency: host.name,
    reason: 'timeout',
    code: 'ETIMEDOUT',
  });
}
