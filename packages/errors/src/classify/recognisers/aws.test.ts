// Shapes as the AWS SDK v3 builds them (ServiceException fields); the real SDK's errors are in
// test/errors/awsSdkFaults.
import { describe, expect, it } from 'vitest';
import type { RecogniserContext } from '../Verdict.js';
import { recogniseAws } from './aws.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

const serviceError = (name: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} message`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'r' },
    ...extra,
  });

describe('recogniseAws', () => {
  it.each([
    'ThrottlingException',
    'TooManyRequestsException',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'SlowDown',
    'TransactionInProgressException',
  ])('%s (the SDK throttling list) is throttled', (name) => {
    // Act + Assess
    expect(recogniseAws(serviceError(name, 400), context)).toMatchObject({
      kind: 'transient',
      reason: 'throttled',
      code: name,
      status: 400,
    });
  });

  it.each(['KMSThrottlingException', 'EC2ThrottledException', 'SendMessageRateExceeded'])(
    '%s (a service-specific throttling name) is throttled',
    (name) => {
      // Act + Assess
      expect(recogniseAws(serviceError(name, 400), context)).toMatchObject({
        kind: 'transient',
        reason: 'throttled',
      });
    },
  );

  it('a service-specific "unavailable" name is a transient server error even as a client fault', () => {
    // Act + Assess
    expect(recogniseAws(serviceError('DependencyUnavailableException', 400), context)).toMatchObject({
      kind: 'transient',
      reason: 'server-error',
    });
  });

  it('any error with $retryable.throttling is throttled', () => {
    // Act + Assess
    expect(
      recogniseAws(
        serviceError('VendorSpecificSlowDown', 400, { $retryable: { throttling: true } }),
        context,
      ),
    ).toMatchObject({ reason: 'throttled' });
  });

  it('$retryable without throttling is a transient server error', () => {
    // Act + Assess
    expect(recogniseAws(serviceError('SomethingRetryable', 400, { $retryable: {} }), context)).toMatchObject({
      kind: 'transient',
      reason: 'server-error',
    });
  });

  it.each(['RequestTimeout', 'RequestTimeoutException'])('%s is a timeout', (name) => {
    // Act + Assess
    expect(recogniseAws(serviceError(name, 400), context)).toMatchObject({
      kind: 'transient',
      reason: 'timeout',
    });
  });

  it.each([
    ['InternalServerError', 500, 'transient', 'server-error'],
    ['ServiceUnavailableException', 503, 'transient', 'server-error'],
    ['AnythingElse', 502, 'transient', 'server-error'],
    ['AccessDeniedException', 400, 'permanent', 'credentials'],
    ['ExpiredTokenException', 400, 'permanent', 'credentials'],
    ['UnrecognizedClientException', 403, 'permanent', 'credentials'],
    ['ResourceNotFoundException', 400, 'permanent', 'not-found'],
    ['ParameterNotFound', 400, 'permanent', 'not-found'],
    ['NoSuchKey', 404, 'permanent', 'not-found'],
    ['ConditionalCheckFailedException', 400, 'permanent', 'conflict'],
    ['ValidationException', 400, 'permanent', 'bad-request'],
    ['SomeClientError', 404, 'permanent', 'not-found'],
  ])('%s (%i) -> %s/%s', (name, status, kind, reason) => {
    // Act + Assess
    expect(recogniseAws(serviceError(name, status), context)).toMatchObject({
      kind,
      reason,
      code: name,
      status,
    });
  });

  it('reads Retry-After and x-amz-retry-after from the hidden $response', () => {
    // Prepare
    const withHeader = (headers: Record<string, string>) => {
      const error = serviceError('ThrottlingException', 400);
      Object.defineProperty(error, '$response', { value: { statusCode: 400, headers }, enumerable: false });
      return error;
    };
    // Act + Assess
    expect(recogniseAws(withHeader({ 'retry-after': '3' }), context)?.retryAfterMs).toBe(3_000);
    expect(recogniseAws(withHeader({ 'x-amz-retry-after': '250' }), context)?.retryAfterMs).toBe(250);
    expect(recogniseAws(withHeader({ 'x-amz-retry-after': 'soon' }), context)?.retryAfterMs).toBeUndefined();
  });

  it.each(['CredentialsProviderError', 'TokenProviderError'])(
    '%s is a credentials failure our caller sees as 503',
    (name) => {
      // Act + Assess
      expect(
        recogniseAws(Object.assign(new Error('no creds'), { name, tryNextLink: true }), context),
      ).toMatchObject({
        kind: 'permanent',
        reason: 'credentials',
        httpStatus: 503,
      });
    },
  );

  it('leaves a socket error the SDK stamped with $metadata (no status) to the network recogniser', () => {
    // Prepare: what the SDK throws for a reset: name TimeoutError, code ECONNRESET, $metadata without a status
    const error = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      name: 'TimeoutError',
      $metadata: { attempts: 1 },
    });
    // Act + Assess
    expect(recogniseAws(error, context)).toBeUndefined();
  });
});

// Every name of each table, as the SDK stamps it on a client fault with a 400: a name dropped from a
// table changes what the caller is told (the 400 alone would say "bad request").
describe('recogniseAws: each table, name by name', () => {
  it.each([
    // @smithy/core THROTTLING_ERROR_CODES, in full
    'BandwidthLimitExceeded',
    'EC2ThrottledException',
    'LimitExceededException',
    'PriorRequestNotComplete',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'SlowDown',
    'ThrottledException',
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'TransactionInProgressException',
  ])('%s is throttled, as the SDK says', (name) => {
    // Act + Assess
    expect(recogniseAws(serviceError(name, 400), context)).toEqual({
      kind: 'transient',
      reason: 'throttled',
      code: name,
      status: 400,
      message: `the AWS service answered ${name} (400)`,
      retryAfterMs: undefined,
    });
  });

  it.each(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'])(
    '%s (@smithy/core TRANSIENT_ERROR_CODES) is a transient timeout',
    (name) => {
      // Act + Assess
      expect(recogniseAws(serviceError(name, 400), context)).toEqual({
        kind: 'transient',
        reason: 'timeout',
        code: name,
        status: 400,
        message: `the AWS service answered ${name} (400)`,
      });
    },
  );

  it.each([
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
  ])('%s is our credentials refused (permanent)', (name) => {
    // Act + Assess
    expect(recogniseAws(serviceError(name, 400), context)).toEqual({
      kind: 'permanent',
      reason: 'credentials',
      code: name,
      status: 400,
      message: `the AWS service answered ${name} (400)`,
    });
  });

  it.each([
    'ConditionalCheckFailedException',
    'ConflictException',
    'ParameterAlreadyExists',
    'ResourceInUseException',
    'TransactionConflictException',
    'IdempotentParameterMismatch',
  ])('%s is a conflict (permanent)', (name) => {
    // Act + Assess
    expect(recogniseAws(serviceError(name, 400), context)).toEqual({
      kind: 'permanent',
      reason: 'conflict',
      code: name,
      status: 400,
      message: `the AWS service answered ${name} (400)`,
    });
  });

  it.each([
    'ServiceException',
    'InternalFailure',
    'InternalError',
    'ServiceUnavailable',
    'InternalServerException',
  ])('%s is a transient server error even when the SDK marks it a client fault', (name) => {
    // Act + Assess
    expect(recogniseAws(serviceError(name, 400), context)).toMatchObject({
      kind: 'transient',
      reason: 'server-error',
      code: name,
      status: 400,
    });
  });

  it.each(['NoSuchBucket', 'ParameterVersionNotFound'])('%s is not found, whatever the status', (name) => {
    // Act + Assess
    expect(recogniseAws(serviceError(name, 400), context)).toMatchObject({ reason: 'not-found' });
  });

  it('only a leading "NoSuch" names a missing thing', () => {
    // Act + Assess
    expect(recogniseAws(serviceError('InvalidNoSuchMarker', 400), context)).toMatchObject({
      reason: 'bad-request',
    });
  });
});

describe('recogniseAws: what makes an AWS service error', () => {
  it.each(['client', 'server'] as const)('$fault "%s" alone is enough (no $metadata status)', (fault) => {
    // Prepare: the SDK's ServiceException before a response status is known
    const error = Object.assign(new Error('x'), { name: 'WeirdFault', $fault: fault, $metadata: {} });
    // Act
    const verdict = recogniseAws(error, context);
    // Assess: a server fault is retried, a client fault is our bad request; no status to quote
    expect(verdict).toEqual(
      fault === 'server'
        ? {
            kind: 'transient',
            reason: 'server-error',
            code: 'WeirdFault',
            status: undefined,
            message: 'the AWS service answered WeirdFault',
            retryAfterMs: undefined,
          }
        : {
            kind: 'permanent',
            reason: 'bad-request',
            code: 'WeirdFault',
            status: undefined,
            message: 'the AWS service answered WeirdFault',
          },
    );
  });

  it('an unknown $fault without a status is not an AWS service error', () => {
    // Act + Assess
    expect(recogniseAws({ name: 'X', $fault: 'maybe', $metadata: {} }, context)).toBeUndefined();
  });

  it('an error without a name is named for the caller all the same', () => {
    // Act + Assess
    expect(recogniseAws({ $fault: 'client', $metadata: { httpStatusCode: 400 } }, context)).toMatchObject({
      reason: 'bad-request',
      message: 'the AWS service answered an AWS service error (400)',
    });
  });

  it('a status the tables do not name goes through the status table, with the SDK message', () => {
    // Prepare: an unknown name answered 429 with a Retry-After
    const error = serviceError('VendorSaidNo', 429);
    Object.defineProperty(error, '$response', {
      value: { headers: { 'retry-after': '4' } },
      enumerable: false,
    });
    // Act + Assess
    expect(recogniseAws(error, context)).toEqual({
      kind: 'transient',
      reason: 'throttled',
      code: 'VendorSaidNo',
      status: 429,
      message: 'the AWS service answered VendorSaidNo (429)',
      retryAfterMs: 4_000,
    });
  });

  it('a server error keeps the Retry-After the service sent', () => {
    // Prepare
    const error = serviceError('ServiceUnavailable', 503);
    Object.defineProperty(error, '$response', {
      value: { headers: { 'Retry-After': '7' } },
      enumerable: false,
    });
    // Act + Assess
    expect(recogniseAws(error, context)?.retryAfterMs).toBe(7_000);
  });

  it.each([
    [' 250 ', 250],
    ['1e3', undefined],
    ['0x10', undefined],
    ['1.5', undefined],
  ])('x-amz-retry-after %j (whole milliseconds only) -> %s ms', (header, expected) => {
    // Prepare
    const error = serviceError('ThrottlingException', 400);
    Object.defineProperty(error, '$response', {
      value: { headers: { 'x-amz-retry-after': header } },
      enumerable: false,
    });
    // Act + Assess
    expect(recogniseAws(error, context)?.retryAfterMs).toBe(expected);
  });

  it('a standard Retry-After wins over x-amz-retry-after', () => {
    // Prepare
    const error = serviceError('ThrottlingException', 400);
    Object.defineProperty(error, '$response', {
      value: { headers: { 'retry-after': '2', 'x-amz-retry-after': '9000' } },
      enumerable: false,
    });
    // Act + Assess
    expect(recogniseAws(error, context)?.retryAfterMs).toBe(2_000);
  });

  it.each(['CredentialsProviderError', 'TokenProviderError'])('%s says so in the message', (name) => {
    // Act + Assess
    expect(recogniseAws(Object.assign(new Error('no creds'), { name }), context)).toEqual({
      kind: 'permanent',
      reason: 'credentials',
      code: name,
      message: 'credentials could not be loaded',
      httpStatus: 503,
    });
  });
});
