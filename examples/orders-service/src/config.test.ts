// The environment is checked at cold start: a missing or wrong variable names itself.
import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.js';

const env = {
  PAYMENTS_URL: 'https://payments.internal/',
  ORDERS_TABLE: 'orders',
  IDEMPOTENCY_TABLE: 'idempotency',
};

describe('configFromEnv', () => {
  it('reads the three variables and derives the breaker parameter', () => {
    expect(configFromEnv(env)).toEqual({
      paymentsUrl: 'https://payments.internal',
      ordersTable: 'orders',
      idempotencyTable: 'idempotency',
      paymentsBreakerParameter: '/orders-service/breakers/payments',
    });
  });

  it.each([
    [{ ...env, ORDERS_TABLE: undefined }, 'environment variable ORDERS_TABLE must be set'],
    [{ ...env, IDEMPOTENCY_TABLE: ' ' }, 'environment variable IDEMPOTENCY_TABLE must be set'],
    [{ ...env, PAYMENTS_URL: 'payments.internal' }, 'PAYMENTS_URL must be an http(s) URL'],
    [{ ...env, PAYMENTS_URL: 'file:///etc/passwd' }, 'PAYMENTS_URL must be an http(s) URL'],
  ])('refuses %o', (input, message) => {
    expect(() => configFromEnv(input)).toThrow(message);
  });
});
