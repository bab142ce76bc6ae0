// AWS SDK v3 service errors, read the way the SDK's own retry strategy reads them: the throttling and
// transient error names it uses (@smithy/service-error-classification), `$retryable`, `$fault`, and
// `$metadata.httpStatusCode`. Also the SDK's credential-provider failures.

import { readHeader, readNumber, readProp, readString } from '../safeRead.js';
import type { Recogniser, RecogniserContext, Verdict } from '../Verdict.js';
import { statusVerdict } from './statusVerdict.js';

/**
 * The SDK's THROTTLING_ERROR_CODES that {@link THROTTLING_LIKE} does not already match (the list's
 * `Throttling`, `ThrottlingException`, `TooManyRequestsException`, `*Throttled*` names are matched there).
 */
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'TransactionInProgressException',
]);

/** The SDK's TRANSIENT_ERROR_CODES. */
const TRANSIENT_TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/** Our credentials refused or expired (includes the SDK's clock-skew codes, which it has already retried). */
const CREDENTIALS = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'NotAuthorized',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'SignatureDoesNotMatch',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'KMSAccessDeniedException',
]);

const CONFLICT = new Set([
  'ConditionalCheckFailedException',
  'ConflictException',
  'ParameterAlreadyExists',
  'ResourceInUseException',
  'TransactionConflictException',
  'IdempotentParameterMismatch',
]);

const NOT_FOUND = /NotFound|^NoSuch/;
// The SDK's own `*Throttl*` / `TooManyRequests*` names and the service-specific ones it does not list
// (KMSThrottlingException, SendMessageRateExceeded, ...).
const THROTTLING_LIKE = /Throttl|TooManyRequests|RateExceeded/;
// Also the SDK's server names: InternalServerError, InternalServerException, InternalFailure, InternalError,
// ServiceUnavailable, ServiceUnavailableException (ServiceException is checked by name).
const UNAVAILABLE_LIKE = /Unavailable|InternalFailure|InternalError|InternalServer/;

const PROVIDER_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError']);

// The SDK also stamps `$metadata` (without a status) on plain socket errors, and renames ECONNRESET
// to `name: 'TimeoutError'`: those are left to the network recogniser, which reads their `code`.
function isAwsServiceError(node: unknown): boolean {
  const fault = readString(node, '$fault');
  if (fault === 'client' || fault === 'server') return true;
  return readNumber(readProp(node, '$metadata'), 'httpStatusCode') !== undefined;
}

/** The raw `Retry-After`, or the SDK's own `x-amz-retry-after` (milliseconds) turned into seconds. */
function retryAfterOf(node: unknown): string | undefined {
  const headers = readProp(readProp(node, '$response'), 'headers');
  const standard = readHeader(headers, 'retry-after');
  if (standard !== undefined) return standard;
  const amzMs = readHeader(headers, 'x-amz-retry-after');
  if (amzMs === undefined || !/^\d+$/.test(amzMs.trim())) return undefined;
  return String(Number(amzMs) / 1000);
}

/** AWS SDK v3 service errors and credential-provider failures. */
export const recogniseAws: Recogniser = (node, context) => {
  const name = readString(node, 'name');
  if (name !== undefined && PROVIDER_ERRORS.has(name)) {
    // The SDK could not get credentials at all (IMDS/ECS/STS unreachable or nothing configured). Its
    // provider chain already retried; this is infrastructure, so our caller sees 503, not a 4xx.
    return {
      kind: 'permanent',
      reason: 'credentials',
      code: name,
      message: 'credentials could not be loaded',
      httpStatus: 503,
    };
  }
  if (!isAwsServiceError(node)) return undefined;
  return awsVerdict(node, name, context);
};

function awsVerdict(node: unknown, name: string | undefined, context: RecogniserContext): Verdict {
  const status = readNumber(readProp(node, '$metadata'), 'httpStatusCode');
  const retryable = readProp(node, '$retryable');
  const throttling = readProp(retryable, 'throttling') === true;
  const fault = readString(node, '$fault');
  const label = name ?? 'an AWS service error';
  const base = { code: name, status } as const;
  const said = `the AWS service answered ${label}${status === undefined ? '' : ` (${status})`}`;
  const retryAfterMs = (): number | undefined => {
    const header = retryAfterOf(node);
    if (header === undefined) return undefined;
    return statusVerdict(503, header, context)?.retryAfterMs;
  };

  if (throttling || (name !== undefined && (THROTTLING.has(name) || THROTTLING_LIKE.test(name)))) {
    return { ...base, kind: 'transient', reason: 'throttled', message: said, retryAfterMs: retryAfterMs() };
  }
  if (name !== undefined && TRANSIENT_TIMEOUT.has(name)) {
    return { ...base, kind: 'transient', reason: 'timeout', message: said };
  }
  if (name !== undefined && CREDENTIALS.has(name)) {
    return { ...base, kind: 'permanent', reason: 'credentials', message: said };
  }
  if (name !== undefined && CONFLICT.has(name)) {
    return { ...base, kind: 'permanent', reason: 'conflict', message: said };
  }
  if (name !== undefined && NOT_FOUND.test(name)) {
    return { ...base, kind: 'permanent', reason: 'not-found', message: said };
  }
  if (
    (name !== undefined && (name === 'ServiceException' || UNAVAILABLE_LIKE.test(name))) ||
    fault === 'server' ||
    retryable !== undefined
  ) {
    return {
      ...base,
      kind: 'transient',
      reason: 'server-error',
      message: said,
      retryAfterMs: retryAfterMs(),
    };
  }
  if (status !== undefined) {
    const byStatus = statusVerdict(status, retryAfterOf(node), context);
    if (byStatus !== undefined) return { ...byStatus, code: name, message: said };
  }
  return { ...base, kind: 'permanent', reason: 'bad-request', message: said };
}
