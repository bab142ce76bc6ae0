// The Lambda handlers with real wrapDependency handles against msw faults: what a dependency outage looks like
// from the queue and from the HTTP caller.

import { httpHandler, sqsHandler } from '@bulwark/lambda';
import { wrapDependency } from '@bulwark/policies';
import { apiGatewayV2Event, faults, lambdaContext, sqsEvent, useMswServer } from '@bulwark/testing';
import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../../packages/lambda/src/__support__/CapturingLogger.js';

const server = useMswServer();

describe('sqsHandler with a real dependency that goes down', () => {
  it('stops calling it once its breaker opens and reports the rest of the batch untouched', async () => {
    // Prepare: every call answers 503; the breaker opens after 2 consecutive failures
    const outage = faults.status('https://payments.test/charges', 503);
    server.use(outage);
    const payments = wrapDependency('payments', {
      retry: false,
      breaker: { threshold: 2, halfOpenAfterMs: 60_000 },
      logger: false,
    });
    const logger = new CapturingLogger();
    const handler = sqsHandler(
      async () => {
        await payments.fetch('https://payments.test/charges', { method: 'POST' });
      },
      { skipWhenBreakerOpen: [payments], logger, throwOnFullBatchFailure: false },
    );
    const event = sqsEvent(['a', 'b', 'c', 'd', 'e', 'f'].map((messageId) => ({ messageId })));
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(outage.calls).toBe(2);
    expect(payments.state).toBe('open');
    expect(logger.find('SQS batch summary')[0]?.batch).toMatchObject({
      failed: { transient: 2 },
      skipped: { breakerOpen: 4 },
    });
  });
});

describe('httpHandler with a real dependency that throttles', () => {
  it('answers 503 problem+json with the Retry-After the dependency gave, and not its body', async () => {
    // Prepare
    server.use(
      faults.status('https://inventory.test/stock/sku-1', 429, {
        retryAfter: 7,
        body: 'SECRET upstream page',
      }),
    );
    const inventory = wrapDependency('inventory', { retry: false, breaker: false, logger: false });
    const handler = httpHandler(
      async () => {
        const stock = await inventory.fetch('https://inventory.test/stock/sku-1');
        return stock.json();
      },
      { logger: new CapturingLogger() },
    );
    // Act
    const response = await handler(apiGatewayV2Event({ path: '/stock/sku-1' }), lambdaContext());
    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'retry-after': '7',
    });
    expect(response.body).not.toContain('SECRET');
    expect(JSON.parse(response.body)).toMatchObject({ status: 503, retryAfter: 7, reason: 'throttled' });
  });
});
