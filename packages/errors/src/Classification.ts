// The verdict every Bulwark layer decides by: retry it? count it against the dependency? what does our caller see?

/**
 * The four kinds of failure Bulwark tells apart.
 *
 * - `transient`: worth another attempt (a reset socket, a 503, a throttle, an attempt timeout).
 * - `dependency-down`: the dependency is known to be unavailable (open circuit, isolated, retries
 *   exhausted on a transient failure). Not retried here; callers should come back after `retryAfterMs`.
 * - `permanent`: another attempt would fail the same way (a 400, a 404, our own credentials refused,
 *   invalid input, an unknown bug). Fail fast.
 * - `cancelled`: the caller gave up (its own `AbortSignal`). Neither retried nor held against the dependency.
 *
 * @example
 * ```ts
 * import { ErrorKind, classify } from '@bulwark/errors';
 * if (classify(error).kind === ErrorKind.Transient) scheduleRedelivery();
 * ```
 */
export const ErrorKind = {
  Transient: 'transient',
  DependencyDown: 'dependency-down',
  Permanent: 'permanent',
  Cancelled: 'cancelled',
} as const;

/**
 * One of the {@link ErrorKind} values.
 *
 * @example
 * ```ts
 * import type { ErrorKindName } from '@bulwark/errors';
 * const kind: ErrorKindName = 'transient';
 * ```
 */
export type ErrorKindName = (typeof ErrorKind)[keyof typeof ErrorKind];

/**
 * Why a failure got its kind: the finer reason, stable enough to log, count and alert on.
 *
 * @example
 * ```ts
 * import { FailureReason, classify } from '@bulwark/errors';
 * if (classify(error).reason === FailureReason.Throttled) metrics.addMetric('throttled', 'Count', 1);
 * ```
 */
export const FailureReason = {
  /** Socket-level failure: reset, refused, DNS, unreachable, `fetch failed`. */
  Network: 'network',
  /** A TLS handshake or certificate failure. */
  Tls: 'tls',
  /** An attempt or total timeout fired, or the dependency answered 408/504. */
  Timeout: 'timeout',
  /** The dependency asked us to slow down (429, AWS throttling). */
  Throttled: 'throttled',
  /** The dependency failed on its side (500, 502, 503, AWS `$fault: 'server'`). */
  ServerError: 'server-error',
  /** The circuit breaker is open or isolated: the call never left this process. */
  CircuitOpen: 'circuit-open',
  /** A bulkhead refused the call: too many in flight. */
  BulkheadFull: 'bulkhead-full',
  /** Retries ran out (or the retry budget did) on a failure that was worth retrying. */
  RetriesExhausted: 'retries-exhausted',
  /** Our own credentials failed: a dependency's 401/403, a credentials-provider or JWKS fetch failure. */
  Credentials: 'credentials',
  /** The request we sent was wrong: 400, 413, 422 and similar. */
  BadRequest: 'bad-request',
  /** The thing asked for is not there: 404, 410. */
  NotFound: 'not-found',
  /** A conflict with the dependency's state: 409, 412. */
  Conflict: 'conflict',
  /** Input failed validation (a Standard Schema / zod issue list). */
  InvalidInput: 'invalid-input',
  /** The caller cancelled: its own `AbortSignal` fired. */
  Cancelled: 'cancelled',
  /** Nothing recognised it: treated as permanent, not retried, not held against the dependency. */
  Unknown: 'unknown',
} as const;

/**
 * One of the {@link FailureReason} values.
 *
 * @example
 * ```ts
 * import type { FailureReasonName } from '@bulwark/errors';
 * const reason: FailureReasonName = 'throttled';
 * ```
 */
export type FailureReasonName = (typeof FailureReason)[keyof typeof FailureReason];

/**
 * What `classify(error)` decided about a failure.
 *
 * @example
 * ```ts
 * import { classify } from '@bulwark/errors';
 * const c = classify(new Response(null, { status: 429, headers: { 'retry-after': '2' } }));
 * // { kind: 'transient', reason: 'throttled', retryable: true, countsTowardBreaker: true,
 * //   retryAfterMs: 2000, status: 429, httpStatus: 503, ... }
 * ```
 */
export interface Classification {
  /** The kind of failure; see {@link ErrorKind}. */
  readonly kind: ErrorKindName;
  /** The finer reason; see {@link FailureReason}. */
  readonly reason: FailureReasonName;
  /** Whether another attempt may succeed. Only `transient` failures are retryable. */
  readonly retryable: boolean;
  /** Whether this failure says something about the dependency's health (and so counts toward its breaker). */
  readonly countsTowardBreaker: boolean;
  /** How long the dependency asked us to wait (Retry-After, clamped), or when an open circuit half-opens. */
  readonly retryAfterMs?: number;
  /** The upstream HTTP status, when the failure carried one. */
  readonly status?: number;
  /** A machine code found on the error chain (`ECONNRESET`, `ThrottlingException`, `UND_ERR_SOCKET`). */
  readonly code?: string;
  /** The dependency the failure came from, when known. */
  readonly dependency?: string;
  /** The HTTP status *our* caller should see. Infrastructure failures are 503 (or 504), never 401/403. */
  readonly httpStatus: number;
  /** A short, safe, human sentence: no stack, no upstream body, no header values. */
  readonly message: string;
}
