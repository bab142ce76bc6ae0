// An SQS consumer that charges orders through one dependency, hardened end to end.
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PermanentError } from '@bulwark/errors';
import { sqsHandler } from '@bulwark/lambda';
import { wrapDependency } from '@bulwark/policies';

const logger = new Logger({ serviceName: 'orders-consumer' });
const metrics = new Metrics({ namespace: 'orders', serviceName: 'orders-consumer' });

// Each attempt 2 s, 3 attempts in all, and a breaker that opens after 5 consecutive failures.
const payments = wrapDependency('payments', {
  timeout: { attemptMs: 2_000, totalMs: 8_000 },
  retry: { maxAttempts: 3 },
  breaker: { threshold: 5, halfOpenAfterMs: 30_000 },
});

interface ChargeOrder {
  readonly orderId: string;
  readonly amountCents: number;
}

export const handler = sqsHandler<ChargeOrder>(
  async (_record, { body, logger: log }) => {
    if (!Number.isInteger(body.amountCents) || body.amountCents <= 0) {
      // Permanent: another delivery would fail the same way.
      throw new PermanentError(`order ${body.orderId} has no valid amount`, { reason: 'invalid-input' });
    }
    // Bounded by the invocation's remaining time (minus the safety margin) without passing anything.
    const response = await payments.fetch('https://payments.internal/charges', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': body.orderId },
      body: JSON.stringify(body),
    });
    log.info('charged', { orderId: body.orderId, status: response.status });
    return { charged: body.orderId };
  },
  {
    logger,
    metrics,
    // While the payments breaker is open, the rest of the batch goes back to the queue untouched.
    skipWhenBreakerOpen: [payments],
    // Keep 2 s in hand: records start only while they fit, and the batch returns before the timeout.
    deadline: { safetyMarginMs: 2_000 },
    // One charge per order, even if the producer sends it twice under two message ids.
    idempotency: {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: process.env.IDEMPOTENCY_TABLE ?? 'idempotency',
      }),
      keyPrefix: 'orders-consumer.charge',
      bodyKeyJmesPath: 'orderId',
    },
    // Permanent failures leave the queue, parked with the reason attached.
    onPermanentFailure: async ({ record, classification, logger: log }) => {
      log.error('parking order', { reason: classification.reason, body: record.body });
      await parkingLot.put(record.messageId, record.body, classification.reason);
    },
  },
);

declare const parkingLot: { put(id: string, body: string, reason: string): Promise<void> };
