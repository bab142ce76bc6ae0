// What protect refuses, with the exact message a user reads, on real SDK clients bent into each wrong
// shape (no socket is opened). Every refusal leaves the client as it was.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, expect, it } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const client = () =>
  new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials, maxAttempts: 5 });
const dep = (name = 'edna') =>
  wrapDependency(name, { logger: false, timeout: { attemptMs: 2_000, totalMs: 10_000 } });

/** A real client with one property replaced (the shape a wrapper or a test double would have). */
function bent(key: 'send' | 'config' | 'middlewareStack', value: unknown): DynamoDBClient {
  const c = client();
  Object.defineProperty(c, key, { value, configurable: true, writable: true });
  return c;
}

/** A copy of a real client's stack without one method. */
function stackWithout(method: 'add' | 'addRelativeTo'): DynamoDBClient {
  const c = client();
  const { [method]: _, ...rest } = c.middlewareStack;
  return bent('middlewareStack', rest);
}

/** The real stack's methods on a function rather than an object. */
function functionStack(): DynamoDBClient {
  const c = client();
  return bent(
    'middlewareStack',
    Object.assign(() => undefined, { ...c.middlewareStack }),
  );
}

/** A function that carries a real client's send, config and stack. */
function functionClient(): unknown {
  const c = client();
  return Object.assign(() => undefined, {
    send: c.send.bind(c),
    config: c.config,
    middlewareStack: c.middlewareStack,
  });
}

const notAClient = (shown: string) =>
  `edna.protect: client must be an AWS SDK v3 client (middlewareStack, config and send), got ${shown}; e.g. new DynamoDBClient({})`;

const ourMiddleware = (c: DynamoDBClient) =>
  c.middlewareStack.identify().filter((n) => n.startsWith('bulwarkProtectMiddleware'));

describe('protect: a value that is not an SDK v3 client', () => {
  it.each([
    ['undefined', () => undefined, 'undefined'],
    ['null', () => null, 'null'],
    ['an empty object', () => ({}), 'an object'],
    [
      'an object with an empty stack',
      () => ({ send: () => undefined, config: {}, middlewareStack: {} }),
      'an object',
    ],
    ['a function carrying send, config and middlewareStack', functionClient, 'a function'],
    ['send is not a function', () => bent('send', 'send'), 'an instance of DynamoDBClient'],
    ['config is undefined', () => bent('config', undefined), 'an instance of DynamoDBClient'],
    ['config is null', () => bent('config', null), 'an instance of DynamoDBClient'],
    ['config is a string', () => bent('config', 'us-east-1'), 'an instance of DynamoDBClient'],
    ['middlewareStack is a function', functionStack, 'an instance of DynamoDBClient'],
    ['middlewareStack has no add', () => stackWithout('add'), 'an instance of DynamoDBClient'],
    [
      'middlewareStack has no addRelativeTo',
      () => stackWithout('addRelativeTo'),
      'an instance of DynamoDBClient',
    ],
  ])('%s is refused', (_, make, shown) => {
    // Prepare
    const value = make();
    // Act + Assess
    expect(() => dep().protect(value as never)).toThrow(notAClient(shown));
  });

  it('a non-client is refused before its config changes', async () => {
    // Prepare
    const c = bent('send', undefined);
    // Act
    expect(() => dep().protect(c)).toThrow(TypeError);
    // Assess
    expect(await c.config.maxAttempts()).toBe(5);
  });
});

describe('protect: a client it cannot protect safely', () => {
  it('a client another copy of @bulwark/policies protected is refused', async () => {
    // Prepare: the other copy's middleware is on the stack under the shared name.
    const c = client();
    c.middlewareStack.addRelativeTo(((next: unknown) => next) as never, {
      relation: 'before',
      toMiddleware: 'retryMiddleware',
      name: 'bulwarkProtectMiddleware',
    });
    // Act + Assess
    expect(() => dep().protect(c)).toThrow(
      'edna.protect: client must be a client not yet protected, got an instance of DynamoDBClient; it is protected by another copy of @bulwark/policies; protect it with one copy',
    );
    expect(await c.config.maxAttempts()).toBe(5);
  });

  it("a client without the SDK's retryMiddleware is refused", async () => {
    // Prepare
    const c = client();
    c.middlewareStack.remove('retryMiddleware');
    // Act + Assess
    expect(() => dep().protect(c)).toThrow(
      "edna.protect: client must be a client with the SDK's retryMiddleware on its stack, got an instance of DynamoDBClient; protect replaces its retry strategy; a client without one is not an SDK v3 client protect knows",
    );
    expect(ourMiddleware(c)).toEqual([]);
  });

  it.each([
    ['frozen', Object.freeze],
    ['sealed', Object.seal],
    ['not extensible', Object.preventExtensions],
  ])('a %s config is refused', async (_, lock) => {
    // Prepare
    const c = client();
    lock(c.config);
    // Act + Assess
    expect(() => dep().protect(c)).toThrow(
      'edna.protect: client must be a client whose config can be changed, got an instance of DynamoDBClient; its config is frozen, sealed or not extensible',
    );
    expect(ourMiddleware(c)).toEqual([]);
    expect(await c.config.maxAttempts()).toBe(5);
  });

  it.each([
    ['has no handle()', () => ({}), 'its config.requestHandler has no handle() method'],
    ['is null', () => null, 'its config.requestHandler has no handle() method'],
    [
      'has a handle that is not a function',
      () => ({ handle: 'GET' }),
      'its config.requestHandler has no handle() method',
    ],
    [
      'is a function with a handle()',
      () => Object.assign(() => undefined, { handle: () => Promise.resolve({}) }),
      'its config.requestHandler has no handle() method',
    ],
    [
      'is frozen',
      () => Object.freeze(new NodeHttpHandler()),
      'its config.requestHandler cannot be extended (frozen?)',
    ],
  ])('a request handler that %s is refused', async (_, handler, problem) => {
    // Prepare
    const c = client();
    (c.config as { requestHandler: unknown }).requestHandler = handler();
    // Act + Assess
    expect(() => dep().protect(c)).toThrow(
      `edna.protect: client must be a client whose request handler takes an AbortSignal, got an instance of DynamoDBClient; ${problem}`,
    );
    expect(ourMiddleware(c)).toEqual([]);
    expect(await c.config.maxAttempts()).toBe(5);
  });
});

describe('protect: the middleware it adds', () => {
  it("can be taken off by its tag, BULWARK, leaving the SDK's retry step", () => {
    // Prepare
    const c = dep().protect(client());
    // Act
    const removed = c.middlewareStack.removeByTag('BULWARK');
    // Assess
    expect(removed).toBe(true);
    expect(ourMiddleware(c)).toEqual([]);
    expect(c.middlewareStack.identify().some((n) => n.startsWith('retryMiddleware'))).toBe(true);
  });

  it("goes with the SDK's retry step (removeByTag('RETRY')), which anchors it", () => {
    // Prepare
    const c = dep().protect(client());
    // Act
    c.middlewareStack.removeByTag('RETRY');
    // Assess
    expect(ourMiddleware(c)).toEqual([]);
    expect(c.middlewareStack.identify().some((n) => n.startsWith('retryMiddleware'))).toBe(false);
  });
});
