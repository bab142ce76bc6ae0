// The AWS half of the fault matrix: the real SSMClient signs and sends real requests; msw answers them
// at the HTTP edge with SSM's error bodies; classify() reads the SDK's real service exceptions.
import { classify, toProblemDetails } from '@bulwark/errors';
import type { UnhandledFrameHandle } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, awsSdkRows, nextAnswer, ssmHandler } from './awsSdkFaults.rows.js';
import { expectClassification, failureOf } from './FaultRow.js';

const server = setupServer(ssmHandler);

// Anything the SSM handler does not answer fails the test, except loopback (real local servers).
const errorUnlessLoopback: UnhandledFrameHandle = async ({ frame, defaults }) => {
  const request = (frame.data as { request?: unknown } | undefined)?.request;
  if (
    request instanceof Request &&
    ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(request.url).hostname)
  )
    return;
  await defaults.error();
  throw new Error(`unhandled request: ${request instanceof Request ? request.url : frame.protocol}`);
};

beforeAll(() => {
  server.listen({ onUnhandledFrame: errorUnlessLoopback });
});
afterAll(() => {
  server.close();
});

describe('fault matrix: the real AWS SDK answered by msw', () => {
  it.each(awsSdkRows())('$name', async ({ make, expected }) => {
    // Prepare + Act
    const failure = await failureOf(make);
    // Assess
    expect(failure).toBeInstanceOf(Error);
    expectClassification(classify(failure), expected);
  });

  it('keeps the service message and request id out of the problem details', async () => {
    // Prepare
    nextAnswer.current = { status: 400, type: 'ValidationException' };
    const failure = await failureOf(awsSdkRows()[5]!.make);
    expect((failure as Error).message).toContain('secret upstream detail'); // the SDK carries it
    // Act
    const body = JSON.stringify(toProblemDetails(failure));
    // Assess
    expect(body).not.toContain('secret upstream detail');
    expect(body).not.toContain('req-1');
    expect(body).not.toContain('ValidationException');
  });
});

// Each name the recogniser's tables carry, as the real SDK builds the exception from SSM's error body
// (`__type`, a 400, `$fault: 'client'`): the 400 alone would say "our bad request".
const byName: ReadonlyArray<readonly [string, string]> = [
  ...[
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
    'TooManyRequestsException',
    'TransactionInProgressException',
  ].map((name) => [name, 'throttled'] as const),
  ...['RequestTimeout', 'RequestTimeoutException'].map((name) => [name, 'timeout'] as const),
  ...[
    'AccessDenied',
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
    'KMSAccessDeniedException',
  ].map((name) => [name, 'credentials'] as const),
  ...[
    'ConditionalCheckFailedException',
    'ConflictException',
    'ParameterAlreadyExists',
    'ResourceInUseException',
    'TransactionConflictException',
    'IdempotentParameterMismatch',
  ].map((name) => [name, 'conflict'] as const),
  ...['ServiceException', 'InternalFailure'].map((name) => [name, 'server-error'] as const),
];

describe('the real AWS SDK: every name the recogniser knows', () => {
  it.each(byName)('SSM answering %s (400) is %s', async (type, reason) => {
    // Prepare + Act
    const failure = await failureOf(answered({ status: 400, type }));
    // Assess
    expect(failure).toMatchObject({ name: type, $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect(classify(failure)).toMatchObject({ reason, code: type, status: 400 });
  });
});
