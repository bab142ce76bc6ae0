// An HTTP API (API Gateway REST or HTTP API, or an ALB: the same code) that answers failures as problem+json.
import { httpHandler, InvalidRequestError } from '@bulwark/lambda';
import { wrapDependency } from '@bulwark/policies';

const inventory = wrapDependency('inventory', { timeout: { attemptMs: 1_000 }, retry: { maxAttempts: 2 } });

export const handler = httpHandler<{ sku?: string; qty?: number }>(
  async (_event, { body, logger, query }) => {
    if (body.sku === undefined) {
      throw new InvalidRequestError('A sku is required.', [{ path: 'sku', message: 'Required' }]);
    }
    // A 503 or a timeout from inventory becomes 503/504 problem+json (503 always with Retry-After, 1-120 s),
    // never a 401/403, never the upstream body.
    const stock = await inventory.fetch(`https://inventory.internal/stock/${encodeURIComponent(body.sku)}`);
    logger.info('stock read', { sku: body.sku, dryRun: query.dryRun === '1' });
    return { statusCode: 200, body: await stock.json() };
  },
  // The request during which inventory's breaker opens answers like the ones after it (503 + Retry-After).
  { dependencies: [inventory] },
);
