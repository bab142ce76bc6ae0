// Each option check with an input that proves it: the boundary accepted, one past it refused with the
// exact TypeError a user reads (owner, field, value, rule, fix).

import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { classify } from '@bulwark/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { orderSchema } from '../__support__/standardSchema.js';
import { normalizeSqsOptions } from './normalizeSqsOptions.js';
import type { SqsHandlerOptions } from './SqsHandlerOptions.js';

const store = new DynamoDBPersistenceLayer({ tableName: 'idempotency' });

function refusal(options: unknown, owner?: string): string {
  try {
    normalizeSqsOptions(options as SqsHandlerOptions<unknown>, owner);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('skipWhenBreakerOpen', () => {
  it('refuses anything but an array, naming the owner it is given', () => {
    expect(refusal({ skipWhenBreakerOpen: 'edna' })).toBe(
      'sqsHandler: skipWhenBreakerOpen must be an array of dependencies, got "edna"',
    );
    expect(refusal({ skipWhenBreakerOpen: {} }, 'sqsBatchMiddleware')).toBe(
      'sqsBatchMiddleware: skipWhenBreakerOpen must be an array of dependencies, got an object',
    );
  });

  it('accepts an empty array', () => {
    expect(normalizeSqsOptions({ skipWhenBreakerOpen: [] }).skipWhenBreakerOpen).toEqual([]);
  });
});

describe('deadline', () => {
  it.each([
    [5, '5'],
    [null, 'null'],
    ['soon', '"soon"'],
  ])('refuses %j', (value, shown) => {
    expect(refusal({ deadline: value })).toBe(
      `sqsHandler: deadline must be an object or false, got ${shown}`,
    );
  });

  it('is off with false and the documented defaults with an empty object', () => {
    expect(normalizeSqsOptions({ deadline: false }).deadline).toBeUndefined();
    expect(normalizeSqsOptions({ deadline: {} }).deadline).toEqual(normalizeSqsOptions({}).deadline);
  });
});

describe('idempotency.keyPrefix', () => {
  it('defaults to the function name when Lambda sets it, else to sqsRecord', () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'orders-consumer');
    expect(normalizeSqsOptions({ idempotency: { persistenceStore: store } }).idempotency?.keyPrefix).toBe(
      'orders-consumer.sqsRecord',
    );
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '');
    expect(normalizeSqsOptions({ idempotency: { persistenceStore: store } }).idempotency?.keyPrefix).toBe(
      'sqsRecord',
    );
  });

  it('is trimmed, and refused when blank or not a string', () => {
    const given = normalizeSqsOptions({ idempotency: { persistenceStore: store, keyPrefix: ' orders ' } });
    expect(given.idempotency?.keyPrefix).toBe('orders');
    expect(refusal({ idempotency: { persistenceStore: store, keyPrefix: ' ' } })).toBe(
      'sqsHandler: idempotency.keyPrefix must be a non-empty string, got " "',
    );
    expect(refusal({ idempotency: { persistenceStore: store, keyPrefix: 7 } })).toBe(
      'sqsHandler: idempotency.keyPrefix must be a non-empty string, got 7',
    );
  });
});

describe('idempotency.bodyKeyJmesPath', () => {
  it.each([
    ['', '""'],
    [' ', '" "'],
    [42, '42'],
  ])('refuses %j', (value, shown) => {
    expect(refusal({ idempotency: { persistenceStore: store, bodyKeyJmesPath: value } })).toBe(
      `sqsHandler: idempotency.bodyKeyJmesPath must be a non-empty JMESPath string, got ${shown}`,
    );
  });

  it('is refused with a text body, since there is no object to search', () => {
    expect(
      refusal({ body: 'text', idempotency: { persistenceStore: store, bodyKeyJmesPath: 'orderId' } }),
    ).toBe(
      'sqsHandler: idempotency.bodyKeyJmesPath must be unset when body is \'text\', got "orderId"; there is no object to search',
    );
  });

  it('is accepted with a JSON body, and with a text body a schema turns into an object', () => {
    const json = normalizeSqsOptions({
      idempotency: { persistenceStore: store, bodyKeyJmesPath: 'orderId' },
    });
    expect(json.idempotency?.bodyKeyJmesPath).toBe('orderId');
    const text = normalizeSqsOptions({
      body: 'text',
      schema: orderSchema,
      idempotency: { persistenceStore: store, bodyKeyJmesPath: 'id' },
    } as SqsHandlerOptions<unknown>);
    expect(text.idempotency?.bodyKeyJmesPath).toBe('id');
  });
});

describe('idempotency.expiresAfterSeconds', () => {
  it.each([
    [0, '0'],
    [-1, '-1'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['60', '"60"'],
  ])('refuses %s', (value, shown) => {
    expect(refusal({ idempotency: { persistenceStore: store, expiresAfterSeconds: value } })).toBe(
      `sqsHandler: idempotency.expiresAfterSeconds must be a finite number of seconds > 0, got ${shown}`,
    );
  });

  it('accepts any positive number and defaults to an hour', () => {
    const tiny = normalizeSqsOptions({
      idempotency: { persistenceStore: store, expiresAfterSeconds: 0.001 },
    });
    expect(tiny.idempotency?.expiresAfterSeconds).toBe(0.001);
    const dflt = normalizeSqsOptions({ idempotency: { persistenceStore: store } });
    expect(dflt.idempotency?.expiresAfterSeconds).toBe(3600);
  });
});

describe('classify', () => {
  it('refuses anything but a function', () => {
    expect(refusal({ classify: 'transient' })).toBe(
      'sqsHandler: classify must be a function, got "transient"',
    );
  });

  it('uses the function given, else the default classifier', () => {
    const mine = () => ({ kind: 'transient' as const, retryable: true });
    expect(normalizeSqsOptions({ classify: mine as never }).classify).toBe(mine);
    expect(normalizeSqsOptions({}).classify).toBe(classify);
  });
});
