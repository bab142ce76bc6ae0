// The internal shape a recogniser returns; `toClassification` fills in what follows from kind and reason.

import type { Classification, ErrorKindName, FailureReasonName } from '../Classification.js';

/** What one recogniser decided about one link of an error chain. */
export interface Verdict {
  readonly kind: ErrorKindName;
  readonly reason: FailureReasonName;
  /** A safe sentence built by the recogniser from what it recognised, never from upstream text. */
  readonly message: string;
  readonly code?: string | undefined;
  readonly status?: number | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly dependency?: string | undefined;
  readonly httpStatus?: number | undefined;
  readonly countsTowardBreaker?: boolean | undefined;
  /**
   * A weak verdict (`fetch failed`, a bare AbortError) is a fallback: a deeper link of the chain that
   * says more (`ECONNREFUSED`, a `TimeoutError` reason) wins over it.
   */
  readonly weak?: boolean | undefined;
}

/** What a recogniser may read besides the error: the injected clock and the Retry-After clamp. */
export interface RecogniserContext {
  readonly now: () => number;
  readonly maxRetryAfterMs: number;
}

/** One recogniser: looks at a single link of the chain, returns a verdict or `undefined`. */
export type Recogniser = (node: unknown, context: RecogniserContext) => Verdict | undefined;

/**
 * What our own caller sees for a kind and reason, when the recogniser did not say.
 * - cancelled -> 499 (the nginx "client closed request" convention: no one is listening, and it keeps
 *   cancellations out of 5xx alarms);
 * - timeouts -> 504; every other transient or dependency-down failure -> 503;
 * - permanent: invalid input 400, not found 404, conflict 409, our own bad request without an upstream
 *   status 400; an upstream 4xx/5xx we caused, our credentials refused, and unknown errors -> 500.
 */
export function defaultHttpStatus(verdict: Verdict): number {
  switch (verdict.kind) {
    case 'cancelled':
      return 499;
    case 'transient':
    case 'dependency-down':
      return verdict.reason === 'timeout' ? 504 : 503;
    case 'permanent':
      switch (verdict.reason) {
        case 'invalid-input':
          return 400;
        case 'not-found':
          return 404;
        case 'conflict':
          return 409;
        case 'bad-request':
          return verdict.status === undefined ? 400 : 500;
        case 'tls':
        case 'network':
        case 'timeout':
        case 'throttled':
        case 'circuit-open':
        case 'bulkhead-full':
        case 'retries-exhausted':
          return 503;
        default:
          return 500;
      }
  }
}

/** Turns a verdict into the public {@link Classification}; `facts` fills the code and dependency it lacks. */
export function toClassification(
  verdict: Verdict,
  facts: () => { code?: string; dependency?: string },
): Classification {
  let { code, dependency } = verdict;
  if (code === undefined || dependency === undefined) {
    const found = facts();
    code ??= found.code;
    dependency ??= found.dependency;
  }
  // Built field by field, not by spreads: this runs on every failure.
  const c: { -readonly [K in keyof Classification]: Classification[K] } = {
    kind: verdict.kind,
    reason: verdict.reason,
    retryable: verdict.kind === 'transient',
    countsTowardBreaker: verdict.countsTowardBreaker ?? verdict.kind === 'transient',
    httpStatus: sanitiseCallerStatus(verdict.httpStatus ?? defaultHttpStatus(verdict)),
    message: dependency === undefined ? verdict.message : `${dependency}: ${verdict.message}`,
  };
  if (verdict.retryAfterMs !== undefined) c.retryAfterMs = verdict.retryAfterMs;
  if (verdict.status !== undefined) c.status = verdict.status;
  if (code !== undefined) c.code = code;
  if (dependency !== undefined) c.dependency = dependency;
  return c;
}

// Our caller never sees a dependency's 401/403: those are our credentials, not theirs.
function sanitiseCallerStatus(status: number): number {
  if (!Number.isInteger(status) || status < 400 || status > 599) return 500;
  if (status === 401 || status === 403) return 500;
  return status;
}
