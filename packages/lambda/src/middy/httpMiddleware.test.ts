// httpMiddleware under the real @middy/core where httpHandler's own tests cannot reach: no Lambda context,
// no deadline, the deadline firing inside the handler, the log context, and after/onError for a request
// the middleware never opened.

import { currentLogContext, DependencyDownError, isTransientError } from '@bulwark/errors';
import { apiGatewayV2Event, lambdaContext } from '@bulwark/testing';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import type { HttpHandlerOptions } from '../http/HttpHandlerOptions.js';
import type { LambdaHttpResponse } from '../index.js';
import { httpMiddleware, httpRequestContext } from './index.js';

type HttpFn = (event: unknown, context?: unknown) => Promise<LambdaHttpResponse>;

const build = (handler: (context: Context) => unknown, options: HttpHandlerOptions = {}): HttpFn =>
  middy(async (_event: unknown, context: Context) => handler(context)).use(
    httpMiddleware({ logger: new CapturingLogger(), ...options }),
  ) as unknown as HttpFn;

const event = () =>
  apiGatewayV2Event({ method: 'POST', body: { id: 'o-1' }, headers: { 'x-correlation-id': 'corr-9' } });

afterEach(() => {
  vi.useRealTimers();
});

describe('httpMiddleware', () => {
  it('names itself in an option error', () => {
    // Act + Assess
    expect(() => httpMiddleware({ body: 'yaml' as never })).toThrow(
      new TypeError(`httpMiddleware: body must be 'json' or 'text', got "yaml"`),
    );
  });

  it('answers without a Lambda context (no deadline, nothing to remember the context by)', async () => {
    // Act
    const response = await build(() => ({ ok: true }))(event(), undefined);
    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true });
  });

  it.each([
    ['null', null],
    ['a string', 'not a context'],
  ])(
    'takes %s as the context (middy refuses null, another runner may pass anything)',
    async (_label, context) => {
      // Prepare
      const middleware = httpMiddleware({ logger: new CapturingLogger() });
      const request = { event: event(), context, response: undefined as unknown, error: undefined };
      // Act
      await middleware.before?.(request as never);
      request.response = { ok: true };
      await middleware.after?.(request as never);
      // Assess
      expect(request.response).toMatchObject({ statusCode: 200, body: '{"ok":true}' });
    },
  );

  it('answers a failure without a Lambda context', async () => {
    // Act
    const response = await build(() => {
      throw new DependencyDownError('edna open', { dependency: 'edna', retryAfterMs: 9_000 });
    })(event(), undefined);
    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('9');
  });

  it.each<[string, () => unknown, number]>([
    ['a result', () => 'ok', 200],
    [
      'a failure',
      (): never => {
        throw new DependencyDownError('edna open');
      },
      503,
    ],
  ])('with deadline: false answers %s', async (_label, handler, status) => {
    // Act
    const response = await build(handler, { deadline: false })(event(), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(status);
  });

  it('runs the handler inside the request’s log context', async () => {
    // Act
    const response = await build(() => currentLogContext())(event(), lambdaContext());
    // Assess
    expect(JSON.parse(response.body)).toEqual({ correlation_id: 'corr-9' });
  });

  it('aborts ctx.signal at the safety margin with a timeout TransientError', async () => {
    // Prepare
    vi.useFakeTimers();
    let reason: unknown;
    const handler = build(
      (context) =>
        new Promise((resolve) => {
          const { signal } = httpRequestContext(context);
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            resolve('stopped');
          });
        }),
      { deadline: { safetyMarginMs: 1_000 } },
    );
    // Act
    const answered = handler(event(), lambdaContext({ remainingMs: 3_000 }));
    await vi.advanceTimersByTimeAsync(1_999);
    const early = reason;
    await vi.advanceTimersByTimeAsync(1);
    await answered;
    // Assess
    expect(early).toBeUndefined();
    expect(isTransientError(reason)).toBe(true);
    expect(reason).toMatchObject({
      message: 'The request ran out of time before the Lambda timeout.',
      reason: 'timeout',
    });
  });

  it('leaves a request it never opened alone in after and onError', async () => {
    // Prepare
    const middleware = httpMiddleware({ logger: new CapturingLogger() });
    const request = { event: {}, context: lambdaContext(), response: 'untouched', error: new Error('x') };
    // Act
    await middleware.after?.(request as never);
    await middleware.onError?.(request as never);
    // Assess
    expect(request.response).toBe('untouched');
  });

  it('lets the wiring error for an event that is not HTTP through, as it was thrown', async () => {
    // Act + Assess
    await expect(build(() => 'ok')({ Records: [] }, lambdaContext())).rejects.toThrow(
      /httpHandler: expected an API Gateway REST, HTTP API \(v2\) or ALB event/,
    );
  });
});
