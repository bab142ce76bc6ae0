// What a caller and an operator read, exactly: problem bodies, headers and log lines for each kind of
// failure, the result mapping at its bounds, and the deadline's own answer and clean-up.
import { createClassifier, currentLogContext, PermanentError, TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { apiGatewayV2Event, lambdaContext } from '@bulwark/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { orderSchema } from '../__support__/standardSchema.js';
import { httpHandler, InvalidRequestError, type LambdaHttpResponse } from '../index.js';

const json = (response: LambdaHttpResponse): Record<string, unknown> =>
  JSON.parse(response.body) as Record<string, unknown>;
const event = (input: Parameters<typeof apiGatewayV2Event>[0] = {}) =>
  apiGatewayV2Event({ path: '/orders/7', headers: { 'x-correlation-id': 'corr-1' }, ...input });
const failingWith = (error: unknown) => (): never => {
  throw error;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('httpHandler: problem answers', () => {
  it('answers a 503 with no-store, the correlation id, a Retry-After header and field, and logs it at error', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = httpHandler(
      failingWith(new TransientError('edna 503', { status: 503, retryAfterMs: 2_500 })),
      {
        logger,
      },
    );
    // Act
    const response = await handler(event(), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toEqual({
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      'x-correlation-id': 'corr-1',
      'retry-after': '3',
    });
    expect(json(response)).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: expect.any(String),
      retryAfter: 3,
      reason: 'server-error',
      kind: 'transient',
      correlationId: 'corr-1',
    });
    const [line] = logger.find('request failed');
    expect(line).toMatchObject({
      level: 'ERROR',
      status: 503,
      kind: 'transient',
      reason: 'server-error',
      error: { name: 'TransientError', message: 'edna 503', status: 503, retryAfterMs: 2_500 },
    });
    expect(line).not.toHaveProperty('breakerOpened');
  });

  it('gives a 429 a Retry-After too, from the classification', async () => {
    // Prepare: a service that answers its own callers 429 when a dependency throttles it
    const classify = createClassifier([
      { match: () => true, kind: 'transient', reason: 'throttled', httpStatus: 429, retryAfterMs: 4_000 },
    ]);
    const handler = httpHandler(failingWith(new Error('slow down')), {
      logger: new CapturingLogger(),
      classify,
    });
    // Act
    const response = await handler(event(), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(429);
    expect(response.headers?.['retry-after']).toBe('4');
    expect(json(response).retryAfter).toBe(4);
  });

  it('a 504 keeps a retryAfter field, rounded and clamped, and no Retry-After header', async () => {
    // Prepare: a timeout that says when to come back (the dependency asked for 0.2 s)
    const handler = httpHandler(
      failingWith(new TransientError('slow', { reason: 'timeout', retryAfterMs: 200 })),
      {
        logger: new CapturingLogger(),
      },
    );
    // Act
    const response = await handler(event(), lambdaContext());
    // Assess: clamped up to 1 s, as every hint Bulwark gives
    expect(response.statusCode).toBe(504);
    expect(response.headers).not.toHaveProperty('retry-after');
    expect(json(response).retryAfter).toBe(1);
  });

  it('a 404 has no retryAfter at all, names its type under typeBase, and is logged at warn as rejected', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = httpHandler(failingWith(new PermanentError('no order 7', { reason: 'not-found' })), {
      logger,
      typeBase: 'https://errors.example/',
    });
    // Act
    const response = await handler(event(), lambdaContext());
    // Assess
    expect(json(response)).toEqual({
      type: 'https://errors.example/not-found',
      title: 'Not Found',
      status: 404,
      detail: expect.any(String),
      reason: 'not-found',
      kind: 'permanent',
      correlationId: 'corr-1',
    });
    expect(logger.find('request failed')).toEqual([]);
    const [line] = logger.find('request rejected');
    expect(line).toMatchObject({
      level: 'WARN',
      status: 404,
      reason: 'not-found',
      error: { name: 'PermanentError' },
    });
    expect(line).not.toHaveProperty('issues');
  });

  it('answers a body that is not JSON 400 with its exact title, detail and issue, and logs the issue', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = httpHandler(async () => 'never', { logger });
    // Act
    const response = await handler(event({ method: 'POST', body: '{not json' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({
      title: 'Bad Request',
      status: 400,
      detail: 'The request body could not be read.',
      errors: [{ path: '', message: 'the body is not valid JSON' }],
    });
    expect(logger.find('request rejected')[0]).toMatchObject({
      status: 400,
      issues: [{ path: '', message: 'the body is not valid JSON' }],
      error: { message: 'The request body is not valid JSON.' },
    });
  });

  it('answers a body that fails its schema 422 with its exact title and detail', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = httpHandler(async () => 'never', { logger, schema: orderSchema });
    // Act
    const response = await handler(
      event({ method: 'POST', body: JSON.stringify({ id: 7 }) }),
      lambdaContext(),
    );
    // Assess
    expect(response.statusCode).toBe(422);
    expect(json(response)).toMatchObject({
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The request failed validation.',
    });
    expect((json(response).errors as unknown[]).length).toBeGreaterThan(0);
    expect(logger.find('request rejected')[0]).toMatchObject({
      error: { message: 'The request body failed validation.' },
    });
  });

  it('an InvalidRequestError without issues answers an empty errors list', async () => {
    // Act
    const response = await httpHandler(failingWith(new InvalidRequestError('bad', [], { status: 422 })), {
      logger: new CapturingLogger(),
    })(event(), lambdaContext());
    // Assess
    expect(json(response)).toMatchObject({ status: 422, errors: [] });
  });

  it('a request during which a breaker opened answers like the open breaker, for as long as it stays open', async () => {
    // Prepare: a dependency whose breaker opened (for 30 s) while this request failed on it
    const logger = new CapturingLogger();
    let onBreak: ((event: { retryAfterMs: number }) => void) | undefined;
    const edna = {
      name: 'edna',
      state: 'closed',
      onBreak(listener: (event: { retryAfterMs: number }) => void) {
        onBreak = listener;
      },
    };
    const handler = httpHandler(
      () => {
        edna.state = 'open';
        onBreak?.({ retryAfterMs: 30_000 });
        throw new TransientError('edna 503', { status: 503, dependency: 'edna' });
      },
      { logger, dependencies: [edna] },
    );
    // Act
    const response = await handler(event(), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('30');
    expect(json(response)).toMatchObject({ kind: 'dependency-down', reason: 'circuit-open', retryAfter: 30 });
    expect(logger.find('request failed')[0]).toMatchObject({
      breakerOpened: 'edna',
      kind: 'dependency-down',
      reason: 'circuit-open',
      // the error logged is the one that happened, classified as it was
      error: { name: 'TransientError', kind: 'transient', reason: 'server-error', dependency: 'edna' },
    });
  });

  it('a breaker that opened without saying for how long gets the default Retry-After', async () => {
    // Prepare
    const edna = { name: 'edna', state: 'open' };
    const handler = httpHandler(failingWith(new TransientError('edna 503', { dependency: 'edna' })), {
      logger: new CapturingLogger(),
      dependencies: [edna],
      defaultRetryAfterSeconds: 9,
    });
    // Act
    const response = await handler(event(), lambdaContext());
    // Assess
    expect(response.headers?.['retry-after']).toBe('9');
    expect(json(response)).toMatchObject({ kind: 'dependency-down', reason: 'circuit-open' });
  });
});

describe('httpHandler: results', () => {
  it.each([
    [100, true],
    [599, true],
    [99, false],
    [600, false],
    [204.5, false],
  ])('a statusCode of %s is an HTTP result: %s', async (statusCode, passed) => {
    // Act
    const response = await httpHandler(async () => ({ statusCode }), { logger: new CapturingLogger() })(
      event(),
      lambdaContext(),
    );
    // Assess
    expect(response.statusCode).toBe(passed ? statusCode : 200);
  });

  it('keeps a string body as it is, lower-cases header names and keeps the handler’s own correlation header', async () => {
    // Act
    const response = await httpHandler(
      async () => ({
        statusCode: 201,
        headers: { 'Content-Type': 'text/plain', 'X-Correlation-Id': 'mine' },
        body: 'made',
      }),
      { logger: new CapturingLogger() },
    )(event(), lambdaContext());
    // Assess
    expect(response.body).toBe('made');
    expect(response.headers).toEqual({ 'content-type': 'text/plain', 'x-correlation-id': 'mine' });
  });

  it('answers an HTTP result without a body with an empty body and no content type', async () => {
    // Act
    const response = await httpHandler(async () => ({ statusCode: 202 }), { logger: new CapturingLogger() })(
      event(),
      lambdaContext(),
    );
    // Assess
    expect(response.body).toBe('');
    expect(response.headers).toEqual({ 'x-correlation-id': 'corr-1' });
  });

  it('passes isBase64Encoded through only when the handler set it', async () => {
    // Act
    const encoded = await httpHandler(
      async () => ({ statusCode: 200, body: 'aGk=', isBase64Encoded: true }),
      {
        logger: new CapturingLogger(),
      },
    )(event(), lambdaContext());
    const plain = await httpHandler(async () => ({ statusCode: 200, body: 'hi' }), {
      logger: new CapturingLogger(),
    })(event(), lambdaContext());
    // Assess
    expect(encoded.isBase64Encoded).toBe(true);
    expect(plain.isBase64Encoded ?? false).toBe(false);
  });

  it('a GET without a body reaches the handler with an undefined body (nothing to parse)', async () => {
    // Act
    const response = await httpHandler(async (_e, ctx) => ({ body: ctx.body ?? 'none' }), {
      logger: new CapturingLogger(),
      schema: orderSchema,
    })(event({ method: 'GET' }), lambdaContext());
    // Assess
    expect(json(response)).toEqual({ body: 'none' });
  });
});

describe('httpHandler: context and deadline', () => {
  it('runs the handler inside the request’s log context', async () => {
    // Act
    const response = await httpHandler(async () => currentLogContext(), { logger: new CapturingLogger() })(
      event(),
      lambdaContext(),
    );
    // Assess
    expect(json(response)).toEqual({ correlation_id: 'corr-1' });
  });

  it('without a Lambda context there is no deadline: the handler answers however long it takes', async () => {
    // Act
    const response = await httpHandler(async (_e, ctx) => ({ remaining: ctx.remainingMs() }), {
      logger: new CapturingLogger(),
    })(event());
    // Assess
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ remaining: null }); // Infinity serialises as null
  });

  it('gives the handler the time left before the safety margin', async () => {
    // Act
    const response = await httpHandler(async (_e, ctx) => ({ remaining: ctx.remainingMs() }), {
      logger: new CapturingLogger(),
      deadline: { safetyMarginMs: 1_000 },
    })(event(), lambdaContext({ remainingMs: 10_000 }));
    // Assess
    const remaining = json(response).remaining as number;
    expect(remaining).toBeGreaterThan(8_000);
    expect(remaining).toBeLessThanOrEqual(9_000);
  });

  it('answers 504 at the deadline, logs why, and a handler failing later changes nothing', async () => {
    // Prepare
    vi.useFakeTimers();
    const logger = new CapturingLogger();
    let fail: (error: Error) => void = () => undefined;
    const handler = httpHandler(
      () =>
        new Promise((_resolve, reject) => {
          fail = reject;
        }),
      { logger, deadline: { safetyMarginMs: 1_000 } },
    );
    // Act
    const answered = handler(event(), lambdaContext({ remainingMs: 3_000 }));
    await vi.advanceTimersByTimeAsync(3_000);
    const response = await answered;
    fail(new Error('too late'));
    await vi.advanceTimersByTimeAsync(10);
    // Assess
    expect(response.statusCode).toBe(504);
    expect(logger.find('request failed')[0]).toMatchObject({
      error: { message: 'The request ran out of time before the Lambda timeout.', reason: 'timeout' },
    });
  });

  it('disarms the deadline when the handler answers in time: its signal is never aborted afterwards', async () => {
    // Prepare
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const handler = httpHandler(
      async (_e, ctx) => {
        signal = ctx.signal;
        return 'ok';
      },
      { logger: new CapturingLogger(), deadline: { safetyMarginMs: 1_000 } },
    );
    // Act
    await handler(event(), lambdaContext({ remainingMs: 3_000 }));
    await vi.advanceTimersByTimeAsync(5_000);
    // Assess
    expect(signal?.aborted).toBe(false);
  });
});

describe('httpHandler: construction', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    ['handler', 'string'],
  ])('refuses %o as the handler, saying what it got', (handler, got) => {
    // Act + Assess
    expect(() => httpHandler(handler as never)).toThrow(
      new TypeError(`httpHandler: handler must be a function (event, ctx) => Promise<result>; got ${got}.`),
    );
  });
});

describe('httpHandler: the deadline reaches dependency calls', () => {
  it('bounds a wrapDependency call inside the handler by the remaining time, before the hard stop', async () => {
    // Prepare: a dependency with no timeout of its own, and a call that never answers unless aborted
    vi.useFakeTimers();
    const edna = wrapDependency('edna', { retry: { maxAttempts: 1 }, logger: false });
    const logger = new CapturingLogger();
    const handler = httpHandler(
      () =>
        edna.execute(
          ({ signal }) =>
            new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
        ),
      { logger, deadline: { safetyMarginMs: 400 } },
    );
    // Act
    const pending = handler(event(), lambdaContext({ remainingMs: 2_000 }));
    await vi.advanceTimersByTimeAsync(2_000);
    const response = await pending;
    // Assess: a classified timeout of the call (504), not the handler abandoned at the hard stop
    expect(response.statusCode).toBe(504);
    const [line] = logger.find('request failed');
    expect(line).toMatchObject({ reason: 'timeout' });
    expect((line?.error as { message?: string } | undefined)?.message).not.toBe(
      'The request ran out of time before the Lambda timeout.',
    );
  });

  it('deadline: false never cuts the handler short, whatever the Lambda context says', async () => {
    // Prepare
    vi.useFakeTimers();
    const handler = httpHandler(() => new Promise((resolve) => setTimeout(() => resolve('late'), 2_000)), {
      logger: new CapturingLogger(),
      deadline: false,
    });
    // Act
    const pending = handler(event(), lambdaContext({ remainingMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(2_000);
    const response = await pending;
    // Assess
    expect(response.statusCode).toBe(200);
    expect(json(response)).toBe('late');
  });
});
