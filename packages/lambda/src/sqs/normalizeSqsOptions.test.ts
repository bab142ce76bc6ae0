// Each option check with an input that proves it: the boundary accepted, one past it refused with the
// exact TypeError a user reads (owner, field, value, rule, fix).

import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { classify, MAX_TIMER_MS } from '@bulwark/errors';
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

describe('deadline durations', () => {
  it('accepts 0 and the timer limit', () => {
    // Act
    const { deadline } = normalizeSqsOptions({
      deadline: { safetyMarginMs: 0, initialRecordEstimateMs: MAX_TIMER_MS },
    });

    // Assess
    expect(deadline).toEqual({ safetyMarginMs: 0, initialRecordEstimateMs: MAX_TIMER_MS });
  });

  it.each([
    [-1, '-1'],
    [MAX_TIMER_MS + 1, '2147483648'],
    ['5', '"5"'],
  ])('refuses %j', (value, shown) => {
    expect(refusal({ deadline: { safetyMarginMs: value } })).toBe(
      `sqsHandler: deadline.safetyMarginMs must be a number of ms between 0 and 2147483647, got ${shown}`,
    );
  });

  it('names the deadline object in an unknown-key refusal', () => {
    expect(refusal({ deadline: { safetyMargin: 1 } })).toBe(
      'sqsHandler: unknown option "deadline.safetyMargin"; did you mean "safetyMarginMs"? Valid: safetyMarginMs, initialRecordEstimateMs',
    );
  });
});

describe('booleans and their contradictions', () => {
  it.each([
    ['skipGroupOnError', 'yes', '"yes"'],
    ['processInParallel', 1, '1'],
    ['throwOnFullBatchFailure', 'no', '"no"'],
    ['publishMetrics', 0, '0'],
  ])('refuses %s: %j', (field, value, shown) => {
    expect(refusal({ [field]: value })).toBe(`sqsHandler: ${field} must be a boolean, got ${shown}`);
  });

  it('refuses skipGroupOnError on a queue declared standard', () => {
    expect(refusal({ fifo: false, skipGroupOnError: true })).toBe(
      'sqsHandler: skipGroupOnError must be false when fifo is false, got true; it only applies to FIFO queues',
    );
  });

  it('refuses processInParallel on a queue declared FIFO', () => {
    expect(refusal({ fifo: true, processInParallel: true })).toBe(
      'sqsHandler: processInParallel must be false when fifo is true, got true; FIFO keeps order',
    );
  });

  it('refuses processInParallel with skipGroupOnError', () => {
    expect(refusal({ skipGroupOnError: true, processInParallel: true })).toBe(
      'sqsHandler: processInParallel must be false when skipGroupOnError is true, got true; skipGroupOnError is for FIFO queues, which run in order; processInParallel is for standard queues',
    );
  });
});

describe('onPermanentFailure, skipWhenBreakerOpen entries, metrics', () => {
  it('refuses an unknown permanent-failure policy', () => {
    expect(refusal({ onPermanentFailure: 'drop' })).toBe(
      `sqsHandler: onPermanentFailure must be 'report', 'acknowledge' or a function, got "drop"`,
    );
  });

  it.each([
    [null, 'null'],
    ['edna', '"edna"'],
    [{ name: 'edna' }, 'an object'],
    [{ name: 5, state: 'closed' }, 'an object'],
    [Object.assign(() => undefined, { state: 'closed' }), 'a function'],
  ])('refuses the dependency %j, naming its index', (dep, shown) => {
    expect(refusal({ skipWhenBreakerOpen: [{ name: 'ok', state: 'closed' }, dep] })).toBe(
      `sqsHandler: skipWhenBreakerOpen[1] must be a dependency with a string \`name\` and a \`state\`, got ${shown}`,
    );
  });

  it('refuses metrics without addMetric', () => {
    expect(refusal({ metrics: {} })).toBe(
      'sqsHandler: metrics must be a Powertools Metrics instance (with addMetric), got an object',
    );
  });
});

describe('idempotency.persistenceStore and useLocalCache', () => {
  const noop = () => undefined;
  it.each([
    [null, 'null'],
    ['table', '"table"'],
    [{ saveInProgress: noop }, 'an object'],
    [{ configure: noop }, 'an object'],
    [Object.assign(() => undefined, { saveInProgress: noop, configure: noop }), 'a function'],
  ])('refuses the store %j', (persistenceStore, shown) => {
    expect(refusal({ idempotency: { persistenceStore } })).toBe(
      `sqsHandler: idempotency.persistenceStore must be a Powertools persistence layer (BasePersistenceLayer), got ${shown}`,
    );
  });

  it('names the idempotency object in an unknown-key refusal', () => {
    expect(refusal({ idempotency: { persistenceStore: store, ttl: 5 } })).toMatch(
      /^sqsHandler: unknown option "idempotency\.ttl"/,
    );
  });

  it('refuses a useLocalCache that is not a boolean', () => {
    expect(refusal({ idempotency: { persistenceStore: store, useLocalCache: 'yes' } })).toBe(
      'sqsHandler: idempotency.useLocalCache must be a boolean, got "yes"',
    );
  });

  it('accepts a text body without bodyKeyJmesPath', () => {
    const text = normalizeSqsOptions({ body: 'text', idempotency: { persistenceStore: store } });
    expect(text.idempotency?.bodyKeyJmesPath).toBeUndefined();
  });
});
