// One table from an upstream HTTP status to a verdict, shared by fetch Responses, axios/got/ky errors and
// the AWS SDK's `$metadata.httpStatusCode`.

import { parseRetryAfter } from '../../retryAfter/parseRetryAfter.js';
import type { RecogniserContext, Verdict } from '../Verdict.js';

/**
 * The verdict for an upstream status, or `undefined` below 400 (not a failure).
 * `retryAfter` is the raw header value; it is read only for transient statuses.
 */
export function statusVerdict(
  status: number,
  retryAfter: string | undefined,
  context: RecogniserContext,
  source = 'the dependency',
): Verdict | undefined {
  if (!Number.isInteger(status) || status < 400 || status > 599) return undefined;
  const said = `${source} answered ${status}`;
  const transient = (reason: Verdict['reason']): Verdict => {
    const retryAfterMs = parseRetryAfter(retryAfter, context.now(), context.maxRetryAfterMs);
    return { kind: 'transient', reason, status, message: said, retryAfterMs };
  };
  const permanent = (reason: Verdict['reason']): Verdict => ({
    kind: 'permanent',
    reason,
    status,
    message: said,
  });
  switch (status) {
    case 408:
    case 504:
      return transient('timeout');
    case 429:
      return transient('throttled');
    case 401:
    case 403:
      return permanent('credentials');
    case 404:
    case 410:
      return permanent('not-found');
    case 409:
    case 412:
      return permanent('conflict');
    case 501:
    case 505:
      // Not implemented / version not supported: asking again gets the same answer.
      return permanent('server-error');
    default:
      return status >= 500 ? transient('server-error') : permanent('bad-request');
  }
}
