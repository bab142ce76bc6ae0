// protect's checks and what it changes on a client, on real SDK clients that never open a socket here
// (the real-socket behaviour lives in test/sdk/).

import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, expect, it } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const client = (config: ConstructorParameters<typeof DynamoDBClient>[0] = {}) =>
  new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials, ...config });
const dep = (name = 'edna', attemptMs = 2_000) =>
  wrapDependency(name, { logger: false, timeout: { attemptMs, totalMs: 10_000 } });
const getItem = new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } });

/** What a NodeHttpHandler will run its next request with. */
async function handlerConfig(c: DynamoDBClient): Promise<Record<string, unknown>> {
  const handler = c.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
  return handler.configProvider;
}

describe('protect: what it changes on the client', () => {
  it('returns the same client', () => {
    // Prepare
    const c = client();
    // Act + Assess
    expect(dep().protect(c)).toBe(c);
  });

  it("replaces the SDK's retry strategy with one that never retries (maxAttempts 1)", async () => {
    // Prepare
    const c = client({ maxAttempts: 5, retryMode: 'adaptive' });
    // Act
    dep().protect(c);
    // Assess
    expect(await c.config.maxAttempts()).toBe(1);
    const strategy = (await c.config.retryStrategy()) as unknown as {
      mode: string;
      refreshRetryTokenForRetry: (token: unknown, info: { error: unknown }) => Promise<unknown>;
    };
    expect(strategy.mode).toBe('bulwark-no-retry');
    const error = new Error('throttled');
    await expect(strategy.refreshRetryTokenForRetry({}, { error })).rejects.toBe(error);
    // Called without error info (not by @smithy today), it still refuses with a rejection, never a throw.
    await expect(strategy.refreshRetryTokenForRetry({}, undefined as never)).rejects.toBeUndefined();
  });

  it("puts its middleware just outside the SDK's retry step", () => {
    // Prepare
    const c = client();
    // Act
    dep().protect(c);
    // Assess
    const names = c.middlewareStack.identify();
    const ours = names.findIndex((n) => n.startsWith('bulwarkProtectMiddleware'));
    expect(ours).toBeGreaterThanOrEqual(0);
    expect(names[ours + 1]).toMatch(/^retryMiddleware/);
  });

  it('sets the handler’s connection and request timeouts to attemptMs, with throwOnRequestTimeout', async () => {
    // Prepare
    const c = client({
      requestHandler: new NodeHttpHandler({ requestTimeout: 60_000, connectionTimeout: 30_000 }),
    });
    // Act
    dep('edna', 750).protect(c);
    // Assess
    expect(await handlerConfig(c)).toMatchObject({
      connectionTimeout: 750,
      requestTimeout: 750,
      throwOnRequestTimeout: true,
    });
  });

  it('a handler shared by two protected clients keeps the longest attempt timeout', async () => {
    // Prepare
    const shared = new NodeHttpHandler();
    const a = client({ requestHandler: shared });
    const b = client({ requestHandler: shared });
    // Act
    dep('fast', 300).protect(a);
    dep('slow', 900).protect(b);
    // Assess
    expect(await handlerConfig(a)).toMatchObject({ requestTimeout: 900, connectionTimeout: 900 });
  });
});

describe('protect: sends through the chain (an in-memory handler, no socket)', () => {
  /** A request handler answering every request from memory, counting them. */
  const inMemory = (status = 200) => {
    const handler = {
      requests: 0,
      metadata: { handlerProtocol: 'http/1.1' },
      handle: async () => {
        handler.requests++;
        const body = Readable.from([Buffer.from('{}')]);
        return {
          response: { statusCode: status, headers: { 'content-type': 'application/x-amz-json-1.0' }, body },
        };
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    };
    return handler;
  };

  it('a client with cacheMiddleware that already sent runs through the chain after protect', async () => {
    // Prepare
    const handler = inMemory();
    const c = client({ cacheMiddleware: true, requestHandler: handler as never });
    await c.send(getItem);
    const edna = dep();
    // Act
    edna.protect(c);
    await c.send(getItem);
    // Assess
    expect(handler.requests).toBe(2);
    expect(edna.stats()).toMatchObject({ calls: 1, attempts: 1, successes: 1 });
  });

  it('a send whose request body is a stream gets one attempt (it cannot be replayed)', async () => {
    // Prepare: a 500 every time, and a build-step middleware that turns the body into a stream, as an
    // S3 PutObject with a Readable body has.
    const handler = inMemory(500);
    const c = client({ requestHandler: handler as never });
    c.middlewareStack.add(
      (next) => (args) => {
        (args.request as { body: unknown }).body = Readable.from([Buffer.from('{}')]);
        return next(args);
      },
      { step: 'build', name: 'streamingBody' },
    );
    const edna = wrapDependency('edna', {
      logger: false,
      retry: { maxAttempts: 3, backoff: { initialDelayMs: 1 } },
    });
    edna.protect(c);
    // Act
    const error = await c.send(getItem).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 500 } });
    expect(handler.requests).toBe(1);
    expect(edna.stats().attempts).toBe(1);
  });
});

describe('protect: one client = one dependency', () => {
  it('protecting the same client twice is a TypeError naming the dependency', () => {
    // Prepare
    const c = client();
    const edna = dep();
    edna.protect(c);
    // Act + Assess
    expect(() => edna.protect(c)).toThrow(
      "edna.protect: client must be protected once per dependency, got an instance of DynamoDBClient already protected by dependency 'edna' (one client = one dependency); create one client per dependency, or map commands with protect(client, { commands: [...] }) on each",
    );
  });

  it('a second dependency, or a DocumentClient sharing the stack, is refused too', () => {
    // Prepare
    const c = client();
    dep('edna').protect(c);
    // Act + Assess
    expect(() => dep('ledger').protect(c)).toThrow(TypeError);
    expect(() => dep('ledger').protect(DynamoDBDocumentClient.from(c))).toThrow(
      /already protected by dependency 'edna'/,
    );
  });

  it('per-command mapping lets two dependencies share a client, never one command', () => {
    // Prepare
    const c = client();
    dep('reads').protect(c, { commands: ['GetItemCommand', 'QueryCommand'] });
    // Act + Assess
    expect(() => dep('writes').protect(c, { commands: ['PutItemCommand'] })).not.toThrow();
    expect(() => dep('other').protect(c, { commands: ['QueryCommand'] })).toThrow(
      /QueryCommand is already mapped to dependency 'reads'/,
    );
    expect(() => dep('all').protect(c)).toThrow(/already mapped per command \(to 'reads', 'writes'\)/);
  });

  it('a command no dependency maps is refused when sent, before any request', async () => {
    // Prepare
    const c = client();
    dep('writes').protect(c, { commands: ['PutItemCommand'] });
    // Act
    const error = await c.send(getItem).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      "DynamoDBClient: GetItemCommand is not mapped to a dependency on this protected client (mapped: PutItemCommand -> 'writes'); add it to one dependency's protect(client, { commands })",
    );
    expect(new PutItemCommand({ TableName: 't', Item: {} })).toBeDefined();
  });

  it('a dependency with a fallback is refused: a send must resolve to its output', () => {
    // Prepare
    const cached = wrapDependency('cached', { logger: false, fallback: () => 'stale' });
    // Act + Assess
    expect(() => (cached as unknown as ReturnType<typeof dep>).protect(client())).toThrow(
      /cached\.protect: the dependency has a fallback/,
    );
  });
});

describe('protect: the client is checked', () => {
  it('a client whose properties throw is a TypeError, not the getter’s error', () => {
    // Prepare
    const hostile = new Proxy(client(), {
      get() {
        throw new Error('boom');
      },
    });
    // Act + Assess
    expect(() => dep().protect(hostile)).toThrow(/edna\.protect: client must be an AWS SDK v3 client/);
  });

  it('a refused protect leaves the client as it was', async () => {
    // Prepare
    const c = client({ maxAttempts: 4 });
    // Act
    expect(() => dep().protect(c, { commands: [] })).toThrow(TypeError);
    // Assess
    expect(await c.config.maxAttempts()).toBe(4);
    expect(c.middlewareStack.identify().some((n) => n.startsWith('bulwarkProtect'))).toBe(false);
  });

  it('a frozen request handler is refused before anything changes', async () => {
    // Prepare
    const c = client({ requestHandler: Object.freeze(new NodeHttpHandler()) });
    // Act + Assess
    expect(() => dep().protect(c)).toThrow(/its config\.requestHandler cannot be extended/);
    expect(await c.config.maxAttempts()).not.toBe(1);
  });

  it('a frozen config is refused before anything changes', () => {
    // Prepare
    const handler = new NodeHttpHandler();
    const c = client({ requestHandler: handler });
    Object.freeze(c.config);
    // Act + Assess
    expect(() => dep().protect(c)).toThrow(
      /edna\.protect: client must be a client whose config can be changed/,
    );
    expect(Object.hasOwn(handler, 'handle')).toBe(false);
  });

  it('a legacy (non-AbortSignal) abortSignal is refused, not dropped', async () => {
    // Prepare
    const c = dep().protect(client());
    // Act
    const error = await c
      .send(getItem, { abortSignal: { aborted: false } as never })
      .catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/abortSignal must be an AbortSignal/);
  });
});
