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
