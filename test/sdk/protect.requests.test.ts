// `protect` against real sockets: a real DynamoDBClient and the kit's 127.0.0.1 fault server, real time
// with short timeouts. Each test counts the requests the server saw, since that is what a dependency
// under load feels.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { isDependencyDownError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { type FaultServer, startFaultServer } from '@bulwark/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoClient, dynamoError, EMPTY_ITEM } from './support.js';

const getItem = () => new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'order#42' } } });
const fast = { initialDelayMs: 5, maxDelayMs: 20 } as const;
// A retry hint is honoured up to backoff.maxDelayMs.
const hinted = { initialDelayMs: 5, maxDelayMs: 2_000 } as const;

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('protect: one HTTP request per attempt', () => {
  it('the unprotected pattern (execute + abortSignal) multiplies requests: the problem protect solves', async () => {
    // Prepare
    server = await startFaultServer(() => dynamoError(500, 'InternalServerError'));
    const client = dynamoClient(server.url);
    const edna = wrapDependency('edna', { logger: false, retry: { maxAttempts: 3, backoff: fast } });
    // Act
    await edna
      .execute(({ signal }) => client.send(getItem(), { abortSignal: signal }))
      .catch(() => undefined);
    // Assess: the SDK's own retries ran inside each of ours.
    expect(edna.stats().attempts).toBe(3);
    expect(server.hits).toBeGreaterThan(edna.stats().attempts);
    client.destroy();
  });

  it('a 500 server sees exactly stats().attempts requests', async () => {
    // Prepare
    server = await startFaultServer(() => dynamoError(500, 'InternalServerError'));
    const edna = wrapDependency('edna', { logger: false, retry: { maxAttempts: 3, backoff: fast } });
    const ddb = edna.protect(dynamoClient(server.url));
    // Act
    const error = await ddb.send(getItem()).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    expect(edna.stats()).toMatchObject({ calls: 1, attempts: 3, retries: 2, failures: 1 });
    expect(server.hits).toBe(3);
    ddb.destroy();
  });

  it('a success after two 503s reports the attempts it took in $metadata', async () => {
    // Prepare
    const script = [
      dynamoError(503, 'ServiceUnavailable'),
      dynamoError(503, 'ServiceUnavailable'),
      EMPTY_ITEM,
    ];
    server = await startFaultServer(script);
    const edna = wrapDependency('edna', { logger: false, retry: { maxAttempts: 3, backoff: fast } });
    const ddb = edna.protect(dynamoClient(server.url));
    // Act
    const output = await ddb.send(getItem());
    // Assess
    expect(output.Item).toBeUndefined();
    expect(output.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 3 });
    expect(server.hits).toBe(3);
    ddb.destroy();
  });

  it('a 400 (ValidationException) is one request, thrown as the SDK threw it, breaker untouched', async () => {
    // Prepare
    server = await startFaultServer(() => dynamoError(400, 'ValidationException'));
    const edna = wrapDependency('edna', { logger: false, breaker: { threshold: 1 } });
    const ddb = edna.protect(dynamoClient(server.url));
    // Act
    const error = await ddb.send(getItem()).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException' });
    expect(server.hits).toBe(1);
    expect(edna.state).toBe('closed');
    ddb.destroy();
  });

  it('an open breaker refuses without a request', async () => {
    // Prepare
    server = await startFaultServer(() => dynamoError(500, 'InternalServerError'));
    const edna = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 1 },
      breaker: { threshold: 1, halfOpenAfterMs: 60_000 },
    });
    const ddb = edna.protect(dynamoClient(server.url));
    await ddb.send(getItem()).catch(() => undefined);
    expect(edna.state).toBe('open');
    const hits = server.hits;
    // Act
    const error = await ddb.send(getItem()).catch((e: unknown) => e);
    // Assess
    expect(isDependencyDownError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'circuit-open', dependency: 'edna' });
    expect(server.hits).toBe(hits);
    expect(edna.stats().rejected).toBe(1);
    ddb.destroy();
  });
});

describe('protect: timeouts and signals reach the socket', () => {
  it('a hung socket is cut at attemptMs and the next attempt succeeds (no caller signal)', async () => {
    // Prepare
    server = await startFaultServer(['hang', EMPTY_ITEM]);
    const edna = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 150, totalMs: 5_000 },
      retry: { backoff: fast },
    });
    const timeouts: string[] = [];
    edna.onTimeout((e) => timeouts.push(`${e.kind}@${e.attempt}`));
    const ddb = edna.protect(dynamoClient(server.url));
    const started = performance.now();
    // Act
    const output = await ddb.send(getItem());
    const elapsed = performance.now() - started;
    // Assess
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(timeouts).toEqual(['attempt@1']);
    expect(server.hits).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(2_000);
    ddb.destroy();
  });

  it("the timed-out attempt's socket is destroyed, not left hanging", async () => {
    // Prepare
    server = await startFaultServer(() => 'hang');
    const edna = wrapDependency('edna', {
      logger: false,
      // Long enough for the request to reach the server on a loaded machine (100 ms was not).
      timeout: { attemptMs: 1_000, totalMs: 5_000 },
      retry: { maxAttempts: 1 },
    });
    const ddb = edna.protect(dynamoClient(server.url));
    // Act
    const error = await ddb.send(getItem()).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'TransientError', reason: 'timeout', dependency: 'edna' });
    expect(server.hits).toBe(1);
    await expect.poll(() => server?.connections ?? 0, { timeout: 2_000 }).toBe(0);
    ddb.destroy();
  });

  it("the caller's abortSignal ends the send at once, without retry", async () => {
    // Prepare
    server = await startFaultServer(() => 'hang');
    const edna = wrapDependency('edna', { logger: false, timeout: { attemptMs: 5_000, totalMs: 10_000 } });
    const ddb = edna.protect(dynamoClient(server.url));
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    // Act
    const pending = ddb.send(getItem(), { abortSignal: controller.signal }).catch((e: unknown) => e);
    await expect.poll(() => server?.hits ?? 0).toBe(1);
    controller.abort(reason);
    const error = await pending;
    // Assess
    expect(error).toBe(reason);
    expect(edna.stats()).toMatchObject({ attempts: 1, retries: 0 });
    await expect.poll(() => server?.connections ?? 0, { timeout: 1_000 }).toBe(0);
    ddb.destroy();
  });
});

describe('protect: throttling feeds classification and backoff', () => {
  it('ThrottlingException with x-amz-retry-after: 1500 waits 1.5 s before the retry', async () => {
    // Prepare
    server = await startFaultServer([
      dynamoError(400, 'ThrottlingException', { 'x-amz-retry-after': '1500' }),
      EMPTY_ITEM,
    ]);
    const edna = wrapDependency('edna', { logger: false, retry: { backoff: hinted } });
    const delays: number[] = [];
    const reasons: string[] = [];
    edna.onRetry((e) => {
      delays.push(e.delayMs);
      reasons.push(e.classification.reason);
    });
    const ddb = edna.protect(dynamoClient(server.url));
    const started = performance.now();
    // Act
    await ddb.send(getItem());
    // Assess
    expect(reasons).toEqual(['throttled']);
    expect(delays).toEqual([1_500]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_490);
    expect(server.hits).toBe(2);
    ddb.destroy();
  });

  it('Retry-After: 1 on a throttled answer waits a second', async () => {
    // Prepare
    server = await startFaultServer([
      dynamoError(400, 'ProvisionedThroughputExceededException', { 'retry-after': '1' }),
      EMPTY_ITEM,
    ]);
    const edna = wrapDependency('edna', { logger: false, retry: { backoff: hinted } });
    const delays: number[] = [];
    edna.onRetry((e) => delays.push(e.delayMs));
    const ddb = edna.protect(dynamoClient(server.url));
    // Act
    await ddb.send(getItem());
    // Assess
    expect(delays).toEqual([1_000]);
    ddb.destroy();
  });
});
