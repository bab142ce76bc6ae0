// A hardened SQS consumer: each order is charged through one dependency (timeouts, retries with
// backoff, a breaker), once per order (Powertools idempotency), and only failed records come back.
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { sqsHandler } from '@bulwark/lambda';
import { wrapDependency } from '@bulwark/policies';

export interface ChargeOrder {
  readonly orderId: string;
  readonly amountCents: number;
}

export interface ChargeConsumerOptions {
  readonly paymentsUrl: string;
  readonly persistenceStore: BasePersistenceLayer;
  /** Per attempt, and for the whole call with its retries. Smaller in tests. */
  readonly timeout?: { readonly attemptMs: number; readonly totalMs: number };
}

export function createChargeConsumer(options: ChargeConsumerOptions) {
  const payments = wrapDependency('payments', {
    timeout: options.timeout ?? { attemptMs: 2_000, totalMs: 8_000 },
    retry: { maxAttempts: 3 },
    breaker: { threshold: 5, halfOpenAfterMs: 30_000 },
  });

  const handler = sqsHandler<ChargeOrder>(
    async (_record, { body }) => {
      const response = await payments.fetch(`${options.paymentsUrl}/charges`, {
        method: 'POST',
        // The same order is the same charge for payments too, whatever retried it.
        headers: { 'content-type': 'application/json', 'idempotency-key': body.orderId },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { chargeId: string };
    },
    {
      // Once per order, even when it arrives twice under two message ids.
      idempotency: {
        persistenceStore: options.persistenceStore,
        keyPrefix: 'charge',
        bodyKeyJmesPath: 'orderId',
      },
      // While payments' breaker is open, the rest of the batch goes back to the queue without a call.
      skipWhenBreakerOpen: [payments],
    },
  );
  return { handler, payments };
}
