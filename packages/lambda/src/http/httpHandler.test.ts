import { DependencyDownError, PermanentError, TransientError } from '@bulwark/errors';
import {
  albEvent,
  apiGatewayRestEvent,
  apiGatewayV2Event,
  faults,
  type HttpEventInput,
  lambdaContext,
  useMswServer,
} from '@bulwark/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { orderSchema } from '../__support__/standardSchema.js';
import { httpHandler, InvalidRequestError, type LambdaHttpResponse } from '../index.js';

const builders = [
  ['API Gateway REST (v1)', (input: HttpEventInput) => apiGatewayRestEvent(input)],
  ['API Gateway HTTP API (v2)', (input: HttpEventInput) => apiGatewayV2Event(input)],
  ['ALB', (input: HttpEventInput) => albEvent(input)],
] as const;

const json = (response: LambdaHttpResponse): Record<string, unknown> =>
  JSON.parse(response.body) as Record<string, unknown>;

const server = useMswServer();

afterEach(() => {
  vi.useRealTimers();
});

describe.each(builders)('httpHandler with %s events', (source, build) => {
  it('answers a returned value as 200 JSON and echoes the caller’s correlation id', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = httpHandler(
      async (_event, ctx) => {
        ctx.logger.info('handling');
        return { method: ctx.method, path: ctx.path, tenant: ctx.header('X-Tenant') };
      },
      { logger },
    );
    const event = build({
      method: 'POST',
      path: '/orders',
      headers: { 'x-correlation-id': 'corr-123', 'x-tenant': 't1' },
    });
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json',
      'x-correlation-id': 'corr-123',
    });
    expect(json(response)).toEqual({ method: 'POST', path: '/orders', tenant: 't1' });
    expect(logger.find('handling')[0]?.correlation_id).toBe('corr-123');
    if (source === 'ALB') expect(response.statusDescription).toBe('200 OK');
  });

  it.each([
    [
      'a throttled dependency',
      new TransientError('edna 429', { status: 429, retryAfterMs: 7_000, reason: 'throttled' }),
      503,
      '7',
    ],
    [
      'an open circuit',
      new DependencyDownError('edna open', { dependency: 'edna', retryAfterMs: 30_000 }),
      503,
      '30',
    ],
    ['a timeout', new TransientError('edna slow', { reason: 'timeout' }), 504, undefined],
    ['a missing thing', new PermanentError('no order 7', { reason: 'not-found' }), 404, undefined],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')"), 500, undefined],
    ['a thrown string', 'just a string', 500, undefined],
  ])('answers %s as problem+json %i', async (_label, error, status, retryAfter) => {
    // Prepare
    const handler = httpHandler(
      () => {
        throw error;
      },
      { logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(build({ path: '/orders/7' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['retry-after']).toBe(retryAfter);
    expect(json(response)).toMatchObject({ status, type: 'about:blank' });
    expect(typeof json(response).correlationId).toBe('string');
  });
});

describe('httpHandler: what a problem body never carries', () => {
  it('leaks neither the upstream body, the error message, nor a stack', async () => {
    // Prepare: a real fetch through msw to a dependency that fails with an internal page
    server.use(
      faults.status('https://edna.test/orders', 502, { body: 'SECRET-UPSTREAM <pre>db password</pre>' }),
    );
    const handler = httpHandler(
      async () => {
        const upstream = await fetch('https://edna.test/orders');
        throw new TransientError(`edna answered ${upstream.status}: ${await upstream.text()}`, {
          dependency: 'edna',
          status: upstream.status,
        });
      },
      { logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ path: '/orders' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toMatch(/SECRET|password|edna answered|\bat \w|\.ts:\d+/);
    expect(Object.keys(json(response)).sort()).toEqual([
      'correlationId',
      'detail',
      'kind',
      'reason',
      'retryAfter', // every 503 says when to come back (defaultRetryAfterSeconds here)
      'status',
      'title',
      'type',
    ]);
  });

  it('logs the failure (with the error) at error level, for operators, not callers', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = httpHandler(
      () => {
        throw new Error('db password rejected');
      },
      { logger },
    );
    // Act
    await handler(apiGatewayV2Event({ headers: { 'x-correlation-id': 'c-9' } }), lambdaContext());
    // Assess
    const [line] = logger.find('request failed');
    expect(line).toMatchObject({ level: 'ERROR', correlation_id: 'c-9', status: 500 });
    expect(JSON.stringify(line)).toContain('db password rejected');
  });
});

describe('httpHandler: validation', () => {
  it('answers a body that is not JSON with 400', async () => {
    // Prepare
    const handler = httpHandler(() => ({ ok: true }), { logger: new CapturingLogger() });
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'POST', body: '{"id": ' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({ status: 400, title: 'Bad Request', errors: [{ path: '' }] });
  });

  it('answers a body that fails the schema with 422 and the field issues', async () => {
    // Prepare
    const handler = httpHandler(() => ({ ok: true }), { schema: orderSchema, logger: new CapturingLogger() });
    // Act
    const response = await handler(
      apiGatewayRestEvent({ method: 'POST', body: { id: 'a', qty: 0 } }),
      lambdaContext(),
    );
    // Assess
    expect(response.statusCode).toBe(422);
    expect(json(response)).toMatchObject({
      status: 422,
      title: 'Unprocessable Content',
      reason: 'invalid-input',
      errors: [{ path: 'qty', message: 'qty must be an integer >= 1' }],
    });
  });

  it("hands the schema's output to the handler", async () => {
    // Prepare
    const handler = httpHandler((_event, { body }) => body, {
      schema: orderSchema,
      logger: new CapturingLogger(),
    });
    // Act
    const response = await handler(
      albEvent({ method: 'POST', body: { id: ' a ', qty: 2 } }),
      lambdaContext(),
    );
    // Assess
    expect(json(response)).toEqual({ id: 'a', qty: 2 });
  });

  it('answers an InvalidRequestError thrown by the handler with its status and issues', async () => {
    // Prepare
    const handler = httpHandler(
      () => {
        throw new InvalidRequestError('Too many.', [{ path: 'qty', message: 'at most 100' }]);
      },
      { logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(apiGatewayV2Event(), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(422);
    expect(json(response).errors).toEqual([{ path: 'qty', message: 'at most 100' }]);
  });

  it('decodes a base64 body', async () => {
    // Prepare
    const handler = httpHandler((_event, { body }) => body, { logger: new CapturingLogger() });
    const event = {
      ...apiGatewayV2Event({ method: 'POST' }),
      body: Buffer.from('{"a":1}').toString('base64'),
      isBase64Encoded: true,
    };
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(json(response)).toEqual({ a: 1 });
  });
});

describe('httpHandler: results', () => {
  it('passes an HttpResult through, serialising an object body, keeping cookies for HTTP API', async () => {
    // Prepare
    const handler = httpHandler(
      () => ({ statusCode: 201, headers: { Location: '/orders/7' }, body: { id: 7 }, cookies: ['s=1'] }),
      { logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'POST' }), lambdaContext());
    // Assess
    expect(response).toMatchObject({
      statusCode: 201,
      headers: { location: '/orders/7', 'content-type': 'application/json' },
      body: '{"id":7}',
      cookies: ['s=1'],
    });
  });

  it('answers undefined with 204', async () => {
    // Prepare
    const handler = httpHandler(() => undefined, { logger: new CapturingLogger() });
    // Act
    const response = await handler(apiGatewayRestEvent({ method: 'DELETE' }), lambdaContext());
    // Assess
    expect(response).toMatchObject({ statusCode: 204, body: '' });
  });

  it('answers an ALB event with multi-value headers in multiValueHeaders', async () => {
    // Prepare
    const handler = httpHandler(() => ({ ok: true }), { logger: new CapturingLogger() });
    const { headers, ...rest } = albEvent({ headers: { 'x-correlation-id': 'abc' } });
    const event = {
      ...rest,
      multiValueHeaders: Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, [v]])),
    };
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(response.headers).toBeUndefined();
    expect(response.multiValueHeaders).toMatchObject({ 'x-correlation-id': ['abc'] });
  });
});

describe('httpHandler: correlation id', () => {
  it.each([
    ['the configured header', { 'x-correlation-id': 'from-header' }, 'from-header'],
    ['x-request-id as a fallback', { 'x-request-id': 'from-request-id' }, 'from-request-id'],
  ])('is read from %s', async (_label, headers, expected) => {
    // Prepare
    const handler = httpHandler(() => undefined, { logger: new CapturingLogger() });
    // Act
    const response = await handler(albEvent({ headers }), lambdaContext());
    // Assess
    expect(response.headers?.['x-correlation-id']).toBe(expected);
  });

  it('falls back to the API Gateway request id, and is made when nothing usable came', async () => {
    // Prepare
    const handler = httpHandler(() => undefined, { logger: new CapturingLogger() });
    const v2 = apiGatewayV2Event();
    // Act
    const fromGateway = await handler(v2, lambdaContext());
    const made = await handler(
      albEvent({ headers: { 'x-correlation-id': 'bad\r\nset-cookie: x=1' } }),
      lambdaContext(),
    );
    // Assess
    expect(fromGateway.headers?.['x-correlation-id']).toBe(v2.requestContext.requestId);
    expect(made.headers?.['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses a custom header name both ways', async () => {
    // Prepare
    const handler = httpHandler(() => undefined, {
      correlationIdHeader: 'X-Trace',
      logger: new CapturingLogger(),
    });
    // Act
    const response = await handler(apiGatewayV2Event({ headers: { 'x-trace': 't-1' } }), lambdaContext());
    // Assess
    expect(response.headers?.['x-trace']).toBe('t-1');
  });
});

describe('httpHandler: deadline', () => {
  it('answers 504 at the safety margin when the handler hangs, and aborts ctx.signal', async () => {
    // Prepare
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const handler = httpHandler(
      (_event, ctx) => {
        signal = ctx.signal;
        return new Promise(() => undefined);
      },
      { deadline: { safetyMarginMs: 300 }, logger: new CapturingLogger() },
    );
    const context = lambdaContext({ remainingMs: 1_000 });
    // Act
    const pending = handler(apiGatewayV2Event(), context);
    await vi.advanceTimersByTimeAsync(850);
    const response = await pending;
    // Assess: the signal aborted at 300 ms left; the hang was abandoned at 150
    expect(response.statusCode).toBe(504);
    expect(context.getRemainingTimeInMillis()).toBe(150);
    expect(signal?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('httpHandler: bad input', () => {
  it.each([
    ['undefined', undefined],
    ['an SQS event', { Records: [{ eventSource: 'aws:sqs' }] }],
    ['an EventBridge event', { 'detail-type': 'x', detail: {} }],
  ])('rejects %s at invocation with a TypeError', async (_label, event) => {
    // Prepare
    const handler = httpHandler(() => undefined, { logger: new CapturingLogger() });
    // Act + Assess
    await expect(handler(event, lambdaContext())).rejects.toThrow(
      /expected an API Gateway REST, HTTP API \(v2\) or ALB event/,
    );
  });

  it.each([
    ['a handler that is not a function', () => httpHandler('nope' as never), /handler must be a function/],
    [
      'body',
      () => httpHandler(() => 1, { body: 'yaml' as never }),
      /httpHandler: body must be 'json' or 'text', got "yaml"/,
    ],
    [
      'correlationIdHeader',
      () => httpHandler(() => 1, { correlationIdHeader: 'bad header' }),
      /httpHandler: correlationIdHeader must be a header name, got "bad header"/,
    ],
    [
      'deadline',
      () => httpHandler(() => 1, { deadline: { safetyMarginMs: -5 } }),
      /deadline\.safetyMarginMs .* got -5/,
    ],
    [
      'schema',
      () => httpHandler(() => 1, { schema: {} as never }),
      /httpHandler: schema must be a Standard Schema or an object of them by method/,
    ],
  ])('refuses %s at construction with a TypeError', (_label, build, message) => {
    // Act + Assess
    expect(build).toThrow(TypeError);
    expect(build).toThrow(message);
  });
});
