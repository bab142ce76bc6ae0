// Our own ResilienceError family (by brand, so a second copy of the package agrees): someone already
// decided, so the error's own kind, reason, status and Retry-After are taken as they are.

import {
  ErrorKind,
  type ErrorKindName,
  FailureReason,
  type FailureReasonName,
} from '../../Classification.js';
import { MAX_RETRY_AFTER_MS } from '../../retryAfter/parseRetryAfter.js';
import { readNumber, readProp, readString } from '../safeRead.js';
import type { Recogniser } from '../Verdict.js';

const KINDS = new Set<string>(Object.values(ErrorKind));
const REASONS = new Set<string>(Object.values(FailureReason));

const MESSAGES: Readonly<Record<ErrorKindName, string>> = {
  transient: 'the dependency failed transiently',
  'dependency-down': 'the dependency is unavailable',
  permanent: 'the operation failed permanently',
  cancelled: 'the caller cancelled the operation',
};

/** A branded {@link ResilienceError}: its fields are the verdict. */
export const recogniseResilienceError: Recogniser = (node) => {
  if (readProp(node, 'isBulwarkResilienceError') !== true) return undefined;
  const kind = readString(node, 'kind');
  if (kind === undefined || !KINDS.has(kind)) return undefined;
  const reasonRead = readString(node, 'reason');
  const reason = (
    reasonRead !== undefined && REASONS.has(reasonRead) ? reasonRead : 'unknown'
  ) as FailureReasonName;
  const status = readNumber(node, 'status');
  const retryAfterMs = readNumber(node, 'retryAfterMs');
  const code = readString(node, 'code');
  const dependency = readString(node, 'dependency');
  return {
    kind: kind as ErrorKindName,
    reason,
    message: MESSAGES[kind as ErrorKindName],
    status,
    retryAfterMs:
      retryAfterMs === undefined ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAfterMs)),
    code,
    dependency,
    // A TLS certificate failure is permanent but says the dependency is unhealthy.
    ...(kind === 'permanent' && reason === 'tls' ? { countsTowardBreaker: true } : {}),
  };
};
