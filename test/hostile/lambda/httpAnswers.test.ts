// Item 4: HTTP answers. A dependency-down 503 always carries Retry-After within [1 s, 120 s]; an option gives a
// default for infrastructure 503s with no hint; the request during which a breaker opens answers like the ones
// after it; the handler context has path parameters and the query string; a schema applies per method.

import { DependencyDownError, TransientError } from '@bulwark/errors';
import { type HttpHandlerOptions, httpHandler } from '@bulwark/lambda';
import { wrapDependency } from '@bulwark/policies';
import {
  albEvent,
  apiGatewayRestEvent,
  apiGatewayV2Event,
  type HttpEventInput,
  lambdaContext,
} from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { orderSchema } from '../../../packages/lambda/src/__support__/standardSchema.js';
import { StreamLogger } from './support/StreamLogger.js';

const failWith = (thrown: unknown, options: HttpHandlerOptions = {}) =>
  httpHandler(
    () => {
      throw thrown;
    },
    { logger: new StreamLogger(), ...options },
  );

describe('Retry-After on 503 (item 4)', () => {
  it.each([
    ['an operator forced-open (no retryAt: 0 ms)', 0],
    ['a probe retryAt already passed (negative)', -5_000],
    ['a far retryAt (251,606,050,352 s)', 251_606_050_352_000],
    ['NaN', Number.NaN],
    ['200 ms', 200],
  ])('a dependency-down refusal with %s has Retry-After in [1, 120] s', async (_label, retryAfterMs) => {
    // Prepare
    const handler = failWith(
      new DependencyDownError('edna: circuit forced-open', { dependency: 'edna', retryAfterMs }),
    );
    // Act
    const response = await handler(apiGatewayV2Event({}), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(503);
    const seconds = Number(response.headers?.['retry-after']);
    expect(Number.isInteger(seconds)).toBe(true);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(120);
    expect(JSON.parse(response.body).retryAfter).toBe(seconds);
  });

  it('a dependency-down refusal without any hint still has Retry-After', async () => {
    const response = await failWith(new DependencyDownError('edna down'))(
      apiGatewayV2Event({}),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(503);
    expect(Number(response.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('defaultRetryAfterSeconds is the Retry-After of an infrastructure 503 with no hint', async () => {
    // Prepare
    const handler = failWith(new TransientError('edna 503', { status: 503 }), {
      defaultRetryAfterSeconds: 17,
    } as HttpHandlerOptions);
    // Act
    const response = await handler(apiGatewayV2Event({}), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('17');
  });

  it('the request during which the breaker opens answers like the ones after it', async () => {
    // Prepare
    const edna = wrapDependency('edna', { retry: { maxAttempts: 1 }, breaker: { threshold: 1 } });
    const handler = httpHandler(
      () =>
        edna.execute(async () => {
          throw new TransientError('edna answered 503', { status: 503 });
        }),
      { logger: new StreamLogger(), dependencies: [edna] } as HttpHandlerOptions,
    );
    // Act
    const first = await handler(apiGatewayV2Event({}), lambdaContext());
    const second = await handler(apiGatewayV2Event({}), lambdaContext());
    // Assess
    const shape = (r: typeof first) => {
      const body = JSON.parse(r.body);
      return {
        status: r.statusCode,
        kind: body.kind,
        reason: body.reason,
        retryAfter: r.headers?.['retry-after'] !== undefined,
      };
    };
    expect(shape(second)).toEqual({
      status: 503,
      kind: 'dependency-down',
      reason: 'circuit-open',
      retryAfter: true,
    });
    expect(shape(first)).toEqual(shape(second));
  });
});

describe('the request context (item 4)', () => {
  const builders = [
    ['API Gateway REST (v1)', (i: HttpEventInput) => apiGatewayRestEvent(i), { id: '7' }],
    ['API Gateway HTTP API (v2)', (i: HttpEventInput) => apiGatewayV2Event(i), { id: '7' }],
    ['ALB', (i: HttpEventInput) => albEvent(i), {}],
  ] as const;

  it.each(builders)('%s: has the path parameters and the query string', async (_label, build, params) => {
    // Prepare
    const event = { ...build({ path: '/orders/7?dryRun=1&tag=a' }), pathParameters: { id: '7' } };
    let seen: unknown;
    const handler = httpHandler(
      (_event, ctx) => {
        const c = ctx as unknown as { pathParameters: unknown; query: unknown };
        seen = { pathParameters: c.pathParameters, query: c.query };
      },
      { logger: new StreamLogger() },
    );
    // Act
    await handler(event, lambdaContext());
    // Assess
    expect(seen).toEqual({ pathParameters: params, query: { dryRun: '1', tag: 'a' } });
  });
});

describe('schema per method (item 4)', () => {
  it('a GET without a body is not refused by a schema meant for POST', async () => {
    // Prepare
    const handler = httpHandler(() => ({ ok: true }), { logger: new StreamLogger(), schema: orderSchema });
    // Act
    const get = await handler(apiGatewayV2Event({ method: 'GET', path: '/orders' }), lambdaContext());
    const post = await handler(
      apiGatewayV2Event({ method: 'POST', path: '/orders', body: {} }),
      lambdaContext(),
    );
    // Assess
    expect(get.statusCode).toBe(200);
    expect(post.statusCode).toBe(422);
  });

  it('a schema given per method applies to that method only', async () => {
    // Prepare
    const handler = httpHandler(() => ({ ok: true }), {
      logger: new StreamLogger(),
      schema: { POST: orderSchema },
    } as unknown as HttpHandlerOptions);
    // Act
    const put = await handler(
      apiGatewayV2Event({ method: 'PUT', path: '/orders', body: { any: 1 } }),
      lambdaContext(),
    );
    const post = await handler(
      apiGatewayV2Event({ method: 'POST', path: '/orders', body: {} }),
      lambdaContext(),
    );
    // Assess
    expect(put.statusCode).toBe(200);
    expect(post.statusCode).toBe(422);
  });
});
