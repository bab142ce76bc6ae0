// The one rule that decides whether a permanent failure may leave the queue under 'acknowledge' or a hook:
// only when it is about the message itself. Anything that is ours (credentials, permissions, TLS, a missing
// table, a bug) would fail every message the same way, so acknowledging it would empty the queue.

import type { Classification } from '@bulwark/errors';

/** Upstream statuses that say "the content you sent is wrong". */
const CONTENT_STATUSES = new Set([400, 422]);

/**
 * True when `c` is a permanent failure about the message: invalid input (a body that does not parse, a schema
 * refusal, an `InvalidRecordError`, a duplicate id with another payload), or a bad request answered 400/422
 * upstream (or declared by the handler with a `PermanentError` that names no status). The decision table in
 * docs/lambda.md lists the rows.
 */
export function isAboutTheMessage(c: Classification): boolean {
  if (c.kind !== 'permanent') return false;
  if (c.reason === 'invalid-input') return true;
  return c.reason === 'bad-request' && (c.status === undefined || CONTENT_STATUSES.has(c.status));
}
