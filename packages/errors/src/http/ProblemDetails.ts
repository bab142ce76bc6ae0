// RFC 9457 problem details, as Bulwark writes them.

import type { ErrorKindName, FailureReasonName } from '../Classification.js';

/**
 * The media type of an RFC 9457 body. Send it as the `content-type` of {@link toProblemDetails}'s result.
 *
 * @example
 * ```ts
 * import { PROBLEM_JSON_CONTENT_TYPE, toProblemDetails } from '@bulwark/errors';
 * const body = toProblemDetails(error);
 * return new Response(JSON.stringify(body), { status: body.status, headers: { 'content-type': PROBLEM_JSON_CONTENT_TYPE } });
 * ```
 */
export const PROBLEM_JSON_CONTENT_TYPE = 'application/problem+json';

/**
 * An RFC 9457 problem details body. Built only from the classification: no stack, no upstream body,
 * no header values, no upstream error message.
 *
 * @example
 * ```ts
 * import type { ProblemDetails } from '@bulwark/errors';
 * const body: ProblemDetails = {
 *   type: 'about:blank', title: 'Service Unavailable', status: 503,
 *   detail: 'A dependency is unavailable; try again later.', retryAfter: 2, reason: 'throttled', kind: 'transient',
 * };
 * ```
 */
export interface ProblemDetails {
  /** A URI naming the problem type: `about:blank`, or `typeBase` + the reason when configured. */
  readonly type: string;
  /** The status phrase (`Service Unavailable`). */
  readonly title: string;
  /** The status our caller gets; equal to the response status. */
  readonly status: number;
  /** A safe sentence for humans. */
  readonly detail: string;
  /** A URI for this occurrence (a request id), when given. */
  readonly instance?: string;
  /** Seconds to wait before trying again, when known (mirror it into a `Retry-After` header). */
  readonly retryAfter?: number;
  /** Extension: Bulwark's reason ({@link FailureReason}). */
  readonly reason: FailureReasonName;
  /** Extension: Bulwark's kind ({@link ErrorKind}). */
  readonly kind: ErrorKindName;
}
