// The middleware protect puts on a client, driven the way the SDK drives a finalize-step middleware
// (`next` is the rest of the stack), for the contexts and bodies real SDK clients do not all produce:
// an older client without a name or a smithy context, and a web ReadableStream body.

import { describe, expect, it } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';
import { ClientRoutes } from './ClientRoutes.js';
import { protectMiddleware } from './protectMiddleware.js';
import type { SdkHandlerArguments, SdkHandlerContext, SdkHandlerOutput } from './SdkClient.js';

/** An SDK server error as @smithy's deserializer throws it. */
function serverError(): Error {
  return Object.assign(new Error('InternalServerError (test)'), {
    name: 'InternalServerError',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });
}

/** The rest of the stack: answers from `script` in turn, counting the requests. */
function restOfStack(script: ('ok' | 'fail')[]) {
  const seen: SdkHandlerArguments[] = [];
  const next = (args: SdkHandlerArguments): Promise<SdkHandlerOutput> => {
    seen.push(args);
    if (script[seen.length - 1] === 'fail') return Promise.reject(serverError());
    return Promise.resolve({ response: { statusCode: 200 }, output: { $metadata: { attempts: 1 } } });
  };
  return { next, seen };
}

const dep = (name = 'edna') =>
  wrapDependency(name, {
    logger: false,
    retry: { maxAttempts: 3, backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
  });

/** One send through the middleware for `routes`. */
function send(
  routes: ClientRoutes,
  context: SdkHandlerContext,
  next: (a: SdkHandlerArguments) => Promise<SdkHandlerOutput>,
  body?: unknown,
) {
  return protectMiddleware(routes)(next, context)({ input: {}, request: { body } });
}

describe('protectMiddleware', () => {
  it('a client without a smithy context (older SDK) sends with no caller signal', async () => {
    // Prepare
    const routes = new ClientRoutes();
    const edna = dep();
    routes.add(edna, undefined);
    const { next, seen } = restOfStack(['fail', 'ok']);
    // Act
    const result = await send(routes, { commandName: 'GetItemCommand', clientName: 'DynamoDBClient' }, next);
    // Assess
    expect(seen).toHaveLength(2);
    expect(result.output.$metadata?.attempts).toBe(2);
    expect(edna.stats()).toMatchObject({ calls: 1, attempts: 2, successes: 1 });
  });

  it('an unmapped command of a client without a name is refused as "client"', async () => {
    // Prepare
    const routes = new ClientRoutes();
    routes.add(dep('writes'), ['PutItemCommand', 'DeleteItemCommand']);
    const { next, seen } = restOfStack(['ok']);
    // Act
    const error = await send(routes, { commandName: 'GetItemCommand' }, next).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      "client: GetItemCommand is not mapped to a dependency on this protected client (mapped: PutItemCommand -> 'writes', DeleteItemCommand -> 'writes'); add it to one dependency's protect(client, { commands })",
    );
    expect(seen).toHaveLength(0);
  });

  it('a web ReadableStream body gets one attempt (it cannot be replayed)', async () => {
    // Prepare
    const routes = new ClientRoutes();
    const edna = dep();
    routes.add(edna, undefined);
    const { next, seen } = restOfStack(['fail', 'ok']);
    const body = new ReadableStream({ start: (c) => c.close() });
    // Act
    const error = await send(routes, { commandName: 'PutObjectCommand' }, next, body).catch(
      (e: unknown) => e,
    );
    // Assess
    expect(error).toMatchObject({ name: 'InternalServerError' });
    expect(seen).toHaveLength(1);
    expect(edna.stats().attempts).toBe(1);
  });

  it('a replayable body gets every attempt', async () => {
    // Prepare
    const routes = new ClientRoutes();
    const edna = dep();
    routes.add(edna, undefined);
    const { next, seen } = restOfStack(['fail', 'ok']);
    // Act
    await send(routes, { commandName: 'PutItemCommand' }, next, '{"TableName":"t"}');
    // Assess
    expect(seen).toHaveLength(2);
  });
});
