// The SQS consumer: charge the order, record the charge, once per order.
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { PermanentError } from '@bulwark/errors';
import { type LoggerLike, type SqsBatchHandler, sqsHandler } from '@bulwark/lambda';
import type { ServiceTiming } from './config.js';
import type { OrdersTable } from './ordersTable.js';
import type { ChargeOrder, Payments } from './payments.js';

/** What the consumer is built from (the Lambda entry point passes real clients, the demo local ones). */
export interface ConsumerParts {
  readonly payments: Payments;
  readonly orders: OrdersTable;
  readonly persistenceStore: BasePersistenceLayer;
  readonly timing: ServiceTiming;
  readonly logger?: LoggerLike;
  /** The clock the charge time is read from. */
  readonly now?: () => Date;
}

/**
 * Builds the charge consumer.
 *
 * - Each record is charged through `payments` and recorded through `orders`; a failure is reported for
 *   that record only (`ReportBatchItemFailures`), so the rest of the batch is not redelivered.
 * - Idempotent per `orderId` (Powertools idempotency on DynamoDB): the same order sent twice, under two
 *   message ids or redelivered after a timeout, is charged once.
 * - While a breaker is open, the records left in the batch go back to the queue untouched.
 * - A record that can never succeed (no order id, no amount) is reported and reaches the DLQ.
 *
 * @example
 * ```ts
 * export const consume = createConsumer({ payments, orders, persistenceStore, timing: LAMBDA_TIMING });
 * ```
 */
export function createConsumer(parts: ConsumerParts): SqsBatchHandler {
  const { payments, orders, timing } = parts;
  const now = parts.now ?? (() => new Date());
  return sqsHandler<ChargeOrder>(
    async (_record, { body }) => {
      checkOrder(body);
      const { chargeId } = await payments.charge(body);
      await orders.recordCharge({
        orderId: body.orderId,
        status: 'charged',
        chargeId,
        amountCents: body.amountCents,
        chargedAt: now().toISOString(),
      });
      return { chargeId };
    },
    {
      idempotency: {
        persistenceStore: parts.persistenceStore,
        keyPrefix: 'orders-service.charge',
        bodyKeyJmesPath: 'orderId',
        expiresAfterSeconds: timing.idempotencyExpirySeconds,
      },
      skipWhenBreakerOpen: [payments.dependency, orders.dependency],
      deadline: { safetyMarginMs: timing.safetyMarginMs },
      onPermanentFailure: 'report',
      ...(parts.logger === undefined ? {} : { logger: parts.logger }),
    },
  );
}

function checkOrder(body: unknown): asserts body is ChargeOrder {
  const orderId: unknown =
    typeof body === 'object' && body !== null ? Reflect.get(body, 'orderId') : undefined;
  const amount: unknown =
    typeof body === 'object' && body !== null ? Reflect.get(body, 'amountCents') : undefined;
  if (typeof orderId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(orderId)) {
    throw new PermanentError('the message has no valid orderId', { reason: 'invalid-input' });
  }
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    throw new PermanentError(`order ${orderId} has no valid amountCents`, { reason: 'invalid-input' });
  }
}
