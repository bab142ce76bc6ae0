// What one exchange keeps and answers: the request's one child logger, the body modes, a result as given,
// the retry hint of a problem body, and the fields of the failure line.
import { createClassifier, PermanentError, TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { apiGatewayV2Event, lambdaContext } from '@bulwark/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { orderSchema } from '../__support__/standardSchema.js';
import { httpHandler, InvalidRequestError, type LambdaHttpResponse } from '../index.js';
import type { LoggerLike } from '../internal/LoggerLike.js';

const json = (response: LambdaHttpResponse): Record<string, unknown> =>
  JSON.parse(response.body) as Record<string, unknown>;

/** A console-like logger (no child loggers) that keeps each line's attributes object as it was given. */
function recordingLogger() {
  const lines: { level: string; message: unknown; attributes: Record<string, unknown> | undefined }[] = [];
  const at =
    (level: string) =>
    (message: unknown, attributes?: Record<string, unknown>): void => {
      lines.push({ level, message, attributes });
    };
  const logger: LoggerLike = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('httpHandler: the request logger', () => {
  it('is one child per request: keys the handler appends are on the failure line', async () => {
    // Prepare
    const logger = new CapturingLogger();
    const handler = httpHandler(
      (_event, ctx) => {
        ctx.logger.appendKeys?.({ orderId: 'o-1' });
        throw new Error('boom');
      },
      { logger },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'POST' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(500);
    expect(logger.find('request failed')).toMatchObject([{ orderId: 'o-1' }]);
  });

  it('falls back to the parent logger when it cannot make a child', async () => {
    // Prepare
    const logger = new CapturingLogger();
    logger.createChild = () => {
      throw new Error('no child for you');
    };
    const handler = httpHandler(
      () => {
        throw new Error('boom');
      },
      { logger },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'POST' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(500);
    expect(logger.find('request failed')).toMatchObject([{ status: 500, error: { message: 'boom' } }]);
  });
});

describe('httpHandler: the body', () => {
  it("passes the raw text with body: 'text', JSON or not", async () => {
    // Prepare
    const bodies: unknown[] = [];
    const handler = httpHandler(
      (_event, ctx) => {
        bodies.push(ctx.body);
      },
      { body: 'text', logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(
      apiGatewayV2Event({ method: 'POST', body: 'plain, not JSON' }),
      lambdaContext(),
    );
    // Assess
    expect(response.statusCode).toBe(204);
    expect(bodies).toEqual(['plain, not JSON']);
  });

  it('validates a body sent with a DELETE (a bodiless method is skipped only without a body)', async () => {
    // Prepare
    const handler = httpHandler(() => 'deleted', { schema: orderSchema, logger: new CapturingLogger() });
    // Act
    const withBody = await handler(
      apiGatewayV2Event({ method: 'DELETE', body: JSON.stringify({ id: '', qty: 0 }) }),
      lambdaContext(),
    );
    const without = await handler(apiGatewayV2Event({ method: 'DELETE' }), lambdaContext());
    // Assess
    expect(withBody.statusCode).toBe(422);
    expect(without.statusCode).toBe(200);
  });

  it('answers an InvalidRequestError whose issues are not a list with an empty errors list', async () => {
    // Prepare
    const handler = httpHandler(
      () => {
        throw new InvalidRequestError('bad order', undefined as never, { status: 400 });
      },
      { logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'POST' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(400);
    expect(json(response).errors).toEqual([]);
  });
});

describe('httpHandler: results', () => {
  it('answers a returned null as JSON null, not as a failure', async () => {
    // Prepare
    const handler = httpHandler(() => null, { logger: new CapturingLogger() });
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'GET' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('null');
  });

  it('runs dependency calls with no deadline when the context cannot say how long is left', async () => {
    // Prepare
    const edna = wrapDependency('edna', { retry: { maxAttempts: 1 }, logger: false });
    const handler = httpHandler(() => edna.execute(async () => ({ ok: true })), {
      logger: new CapturingLogger(),
    });
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'GET' }), undefined as never);
    // Assess
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ ok: true });
  });
});

describe('httpHandler: the retry hint of a problem', () => {
  it.each([
    // [the dependency's hint, the seconds answered]
    [600_000, 120],
    // no wait is no hint: the default (5 s) applies, as on a 503
    [0, 5],
  ])('answers a hint of %i ms on a 504 as %i s, bounded as on a 503', async (retryAfterMs, seconds) => {
    // Prepare
    const handler = httpHandler(
      () => {
        throw new TransientError('edna timed out', { dependency: 'edna', reason: 'timeout', retryAfterMs });
      },
      { logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'GET' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(504);
    expect(json(response).retryAfter).toBe(seconds);
  });
});

describe('httpHandler: the failure line', () => {
  it("carries the error as the handler's own classify saw it", async () => {
    // Prepare: a rule that makes a 409 from edna transient
    const logger = new CapturingLogger();
    const classify = createClassifier([
      { match: (e) => e instanceof PermanentError && e.status === 409, kind: 'transient' },
    ]);
    const handler = httpHandler(
      () => {
        throw new PermanentError('edna answered 409', { dependency: 'edna', status: 409 });
      },
      { logger, classify },
    );
    // Act
    await handler(apiGatewayV2Event({ method: 'GET' }), lambdaContext());
    // Assess
    const [line] = [...logger.find('request failed'), ...logger.find('request rejected')];
    expect(line).toMatchObject({ kind: 'transient', error: { kind: 'transient', retryable: true } });
  });

  it('names no issues for a 4xx that is not an invalid request, even one carrying an issues list', async () => {
    // Prepare
    const { logger, lines } = recordingLogger();
    const classify = createClassifier([
      { match: (e) => e instanceof PermanentError && e.status === 409, kind: 'permanent', httpStatus: 409 },
    ]);
    const handler = httpHandler(
      () => {
        throw Object.assign(new PermanentError('the order already exists', { status: 409 }), {
          issues: [{ path: 'card', message: 'card 4111 declined' }],
        });
      },
      { logger, classify },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ method: 'POST' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(409);
    const rejected = lines.filter((l) => l.message === 'request rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.attributes).not.toHaveProperty('issues');
  });
});

describe('httpHandler: after the deadline answered', () => {
  it('a handler that rejects later leaves no unhandled rejection behind', async () => {
    // Prepare: a warm handler (its exchange module loaded), whose work fails 5 s after it started
    const logger = new CapturingLogger();
    let calls = 0;
    const handler = httpHandler(
      () =>
        ++calls === 1
          ? 'warm'
          : new Promise((_resolve, reject) => setTimeout(() => reject(new Error('late')), 5_000)),
      { deadline: { safetyMarginMs: 300 }, logger },
    );
    await handler(apiGatewayV2Event(), lambdaContext());
    vi.useFakeTimers();
    // Act
    const pending = handler(apiGatewayV2Event(), lambdaContext({ remainingMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(850);
    const response = await pending;
    await vi.advanceTimersByTimeAsync(5_000);
    // Assess: vitest fails the run on an unhandled rejection
    expect(response.statusCode).toBe(504);
    expect(logger.find('request failed')).toHaveLength(1);
  });
});
