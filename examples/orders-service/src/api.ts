// GET /orders/{orderId}: the order's status, or a problem+json answer: 404 when it is not there, 422 for
// an id that is not one, 503 with Retry-After when the table is unreachable; never a stack trace.
import { PermanentError } from '@bulwark/errors';
import { httpHandler, InvalidRequestError, type LoggerLike } from '@bulwark/lambda';
import type { ServiceTiming } from './config.js';
import type { OrdersTable } from './ordersTable.js';

/**
 * Builds the order status API for API Gateway (HTTP API), REST API or an ALB.
 *
 * @example
 * ```ts
 * export const api = createStatusApi({ orders, timing: LAMBDA_TIMING });
 * ```
 */
export function createStatusApi(parts: {
  readonly orders: OrdersTable;
  readonly timing: ServiceTiming;
  readonly logger?: LoggerLike;
}) {
  const { orders } = parts;
  return httpHandler(
    async (_event, { pathParameters }) => {
      const orderId = pathParameters.orderId;
      if (orderId === undefined || !/^[A-Za-z0-9_-]{1,64}$/.test(orderId)) {
        throw new InvalidRequestError('orderId is not a valid order id.', [
          { path: 'orderId', message: 'letters, digits, - and _, at most 64' },
        ]);
      }
      const order = await orders.getOrder(orderId);
      if (order === undefined) {
        throw new PermanentError(`order ${orderId} is not known`, { reason: 'not-found', status: 404 });
      }
      return { statusCode: 200, body: order };
    },
    {
      // The request during which the table's breaker opens answers 503 like the ones after it.
      dependencies: [orders.dependency],
      deadline: { safetyMarginMs: 500 },
      ...(parts.logger === undefined ? {} : { logger: parts.logger }),
    },
  );
}
