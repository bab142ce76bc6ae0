// The AWS half of the fault matrix: the real SSMClient signs and sends real requests; msw answers them
// at the HTTP edge with SSM's error bodies; classify() reads the SDK's real service exceptions.
import { classify, toProblemDetails } from '@bulwark/errors';
import type { UnhandledFrameHandle } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsSdkRows, nextAnswer, ssmHandler } from './awsSdkFaults.rows.js';
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
