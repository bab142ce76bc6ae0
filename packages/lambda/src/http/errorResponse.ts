// A failure as `application/problem+json`. The body comes from the classification alone (no stack, no
// upstream body, no error message); the log line gets the error through serializeError only. Whatever was
// thrown (a Proxy, a cyclic cause, a throwing getter), this answers and logs: nothing here reads the thrown
// value except classify and serializeError, which never throw.

import {
  clampRetryAfterMs,
  classify,
  DependencyDownError,
  PROBLEM_JSON_CONTENT_TYPE,
  serializeError,
  toProblemDetails,
} from '@bulwark/errors';
import { safeClassify } from '../internal/safeClassify.js';
import { loggableIssues } from '../internal/safeIssues.js';
import { type LambdaHttpResponse, writeHttpResponse } from './httpEvent.js';
import type { HttpExchange } from './httpExchange.js';
import { isInvalidRequestError } from './InvalidRequestError.js';
import type { NormalizedHttpOptions } from './normalizeHttpOptions.js';

function invalidRequest(thrown: unknown): { status: 400 | 422 } | undefined {
  try {
    if (!isInvalidRequestError(thrown)) return undefined;
    return { status: thrown.httpStatus === 400 ? 400 : 422 };
  } catch {
    // a hostile value (a Proxy, a throwing getter) is no InvalidRequestError
  }
  return undefined;
}

export function errorResponse<TBody>(
  x: HttpExchange,
  thrown: unknown,
  opts: NormalizedHttpOptions<TBody>,
): LambdaHttpResponse {
  const original = safeClassify(thrown, opts.classify);
  // The request during which a breaker opened answers like the ones the open breaker refuses.
  const opened = opts.openBreakerFor(original);
  const c =
    opened === undefined
      ? original
      : classify(
          // Stryker disable next-line StringLiteral: only classified, never shown: the answer and the log line take their words from the classification
          new DependencyDownError(`${opened.dependency}: circuit open`, {
            dependency: opened.dependency,
            // NaN is no hint (the error drops it): the default Retry-After applies.
            retryAfterMs: opened.retryAfterMs ?? Number.NaN,
          }),
        );
  const problem: Record<string, unknown> = {
    ...toProblemDetails(thrown, {
      classifier: () => c,
      // Stryker disable next-line ConditionalExpression: toProblemDetails reads typeBase: undefined as no typeBase
      ...(opts.typeBase === undefined ? {} : { typeBase: opts.typeBase }),
    }),
    correlationId: x.correlationId,
  };
  const invalid = invalidRequest(thrown);
  const issues = invalid === undefined ? undefined : loggableIssues(thrown);
  if (invalid !== undefined) {
    problem.status = invalid.status;
    problem.title = invalid.status === 400 ? 'Bad Request' : 'Unprocessable Content';
    problem.detail =
      invalid.status === 400 ? 'The request body could not be read.' : 'The request failed validation.';
    problem.errors = issues ?? [];
  }
  const status = problem.status as number;
  const headers: Record<string, string> = {
    'content-type': PROBLEM_JSON_CONTENT_TYPE,
    'cache-control': 'no-store',
    [opts.correlationIdHeader]: x.correlationId,
  };
  if (status === 503 || status === 429) {
    // Always a hint, and a sane one: never 0 (an operator's forced-open), never centuries (a far retryAt).
    const seconds = Math.ceil(clampRetryAfterMs(c.retryAfterMs, opts.defaultRetryAfterMs) / 1000);
    problem.retryAfter = seconds;
    headers['retry-after'] = String(seconds);
  } else if (problem.retryAfter !== undefined) {
    problem.retryAfter = Math.ceil(clampRetryAfterMs(c.retryAfterMs, opts.defaultRetryAfterMs) / 1000);
  }
  const fields = {
    status,
    kind: c.kind,
    reason: c.reason,
    ...(opened === undefined ? {} : { breakerOpened: opened.dependency }),
    error: serializeError(thrown, { classification: original }),
  };
  try {
    const log = x.logger();
    if (status >= 500) log.error('request failed', fields);
    else log.warn('request rejected', { ...fields, ...(issues === undefined ? {} : { issues }) });
  } catch {
    // A broken logger must not turn the answer into a failed invocation.
  }
  return writeHttpResponse(x.view, status, headers, JSON.stringify(problem));
}
