// The payments API, reached over HTTP through one dependency: timeouts, retries with backoff, a
// breaker shared across the fleet through SSM, and the order id as the idempotency key, so a retried or
// redelivered charge is the same charge at the payments side too.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { PermanentError } from '@bulwark/errors';
import { type Dependency, type SharedStateLogger, ssmBreakerState, wrapDependency } from '@bulwark/policies';
import type { ServiceTiming } from './config.js';

/** A charge request, as the consumer receives it from the queue. */
export interface ChargeOrder {
  readonly orderId: string;
  readonly amountCents: number;
}

/** What payments answers for a charge. */
export interface Charge {
  readonly chargeId: string;
}

/** The payments dependency and the one call the service makes to it. */
export interface Payments {
  readonly dependency: Dependency;
  charge(order: ChargeOrder): Promise<Charge>;
}

/** Where payments is, how its calls are bounded, and where its fleet breaker state lives. */
export interface PaymentsOptions {
  readonly baseUrl: string;
  readonly timing: ServiceTiming;
  readonly breakerParameter: string;
  /** The SSM client the fleet state is read with (the default is one per process). */
  readonly ssmClient?: SSMClient;
  /** Where the fleet-state reader logs what it could not read (the default is `console`). */
  readonly logger?: SharedStateLogger;
}

/**
 * Builds the payments dependency once, at module scope.
 *
 * @example
 * ```ts
 * const payments = createPayments({ baseUrl: 'https://payments.internal', timing: LAMBDA_TIMING,
 *   breakerParameter: '/orders-service/breakers/payments' });
 * const { chargeId } = await payments.charge({ orderId: 'o-1', amountCents: 1250 });
 * ```
 */
export function createPayments(options: PaymentsOptions): Payments {
  const { timing } = options;
  const dependency = wrapDependency('payments', {
    timeout: { attemptMs: timing.paymentsAttemptMs, totalMs: timing.paymentsTotalMs },
    retry: {
      maxAttempts: timing.paymentsMaxAttempts,
      backoff: { initialDelayMs: timing.backoffInitialMs, maxDelayMs: timing.backoffMaxMs },
    },
    breaker: { threshold: timing.breakerThreshold, halfOpenAfterMs: timing.halfOpenAfterMs },
    sharedState: ssmBreakerState({
      parameterName: options.breakerParameter,
      maxAgeSeconds: timing.sharedStateMaxAgeSeconds,
      ...(options.ssmClient === undefined ? {} : { client: options.ssmClient }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    }),
    logger: false,
  });
  return {
    dependency,
    async charge(order) {
      const response = await dependency.fetch(
        `${options.baseUrl}/charges/${encodeURIComponent(order.orderId)}`,
        {
          method: 'POST',
          // Retries and redeliveries of one order are one charge for payments as well.
          headers: { 'content-type': 'application/json', 'idempotency-key': order.orderId },
          body: JSON.stringify({ amountCents: order.amountCents }),
        },
      );
      const body: unknown = await response.json();
      if (typeof body !== 'object' || body === null || typeof Reflect.get(body, 'chargeId') !== 'string') {
        // Another delivery would get the same answer: park it rather than charge again and again.
        throw new PermanentError('payments answered 2xx without a chargeId', { dependency: 'payments' });
      }
      return { chargeId: Reflect.get(body, 'chargeId') as string };
    },
  };
}
