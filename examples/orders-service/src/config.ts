// What the service reads from its environment, checked once at cold start, and the timing profile its
// policies use. The demo runs the same code with a compressed profile (DEMO_TIMING in examples/demo).

/**
 * The timeouts, retries and breaker settings of the service, in one place, so the Lambda timeout, the
 * API Gateway timeout and the policies can be checked against each other (infra/timing.test.ts does).
 */
export interface ServiceTiming {
  /** One HTTP attempt to payments. */
  readonly paymentsAttemptMs: number;
  /** A whole charge, retries and backoff included. */
  readonly paymentsTotalMs: number;
  /** Calls in all (the first one and the retries). */
  readonly paymentsMaxAttempts: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** Consecutive failures that open the local breaker. */
  readonly breakerThreshold: number;
  readonly halfOpenAfterMs: number;
  /** How long an instance trusts the fleet breaker state it read from SSM. */
  readonly sharedStateMaxAgeSeconds: number;
  readonly tableAttemptMs: number;
  readonly tableTotalMs: number;
  /** Time kept in hand before the Lambda timeout: records start only while they fit. */
  readonly safetyMarginMs: number;
  /** How long a charge stays deduplicated by the idempotency table. */
  readonly idempotencyExpirySeconds: number;
}

/** The profile deployed to Lambda (the CDK stack sizes its timeouts from it). */
export const LAMBDA_TIMING: ServiceTiming = Object.freeze({
  paymentsAttemptMs: 2_000,
  paymentsTotalMs: 6_000,
  paymentsMaxAttempts: 3,
  backoffInitialMs: 200,
  backoffMaxMs: 2_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
  sharedStateMaxAgeSeconds: 5,
  tableAttemptMs: 1_000,
  tableTotalMs: 2_500,
  safetyMarginMs: 2_000,
  idempotencyExpirySeconds: 24 * 60 * 60,
});

/** Where the service's dependencies are. */
export interface ServiceConfig {
  /** Base URL of the payments API, without a trailing slash. */
  readonly paymentsUrl: string;
  readonly ordersTable: string;
  readonly idempotencyTable: string;
  /** The SSM parameter holding the fleet breaker state of payments (written by the probe only). */
  readonly paymentsBreakerParameter: string;
}

/** The SSM path under which the probe writes, and the consumer reads, fleet breaker states. */
export const BREAKER_PREFIX = '/orders-service/breakers/';

/**
 * Reads the service configuration from the Lambda environment; a missing or malformed variable is an
 * error at cold start naming the variable, never a default that points at the wrong place.
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): ServiceConfig {
  const read = (name: string): string => {
    const value = env[name];
    if (value === undefined || value.trim() === '') {
      throw new TypeError(`orders-service: environment variable ${name} must be set`);
    }
    return value;
  };
  const paymentsUrl = read('PAYMENTS_URL').replace(/\/+$/, '');
  if (!URL.canParse(paymentsUrl) || !/^https?:$/.test(new URL(paymentsUrl).protocol)) {
    throw new TypeError('orders-service: PAYMENTS_URL must be an http(s) URL');
  }
  return {
    paymentsUrl,
    ordersTable: read('ORDERS_TABLE'),
    idempotencyTable: read('IDEMPOTENCY_TABLE'),
    paymentsBreakerParameter: `${BREAKER_PREFIX}payments`,
  };
}
