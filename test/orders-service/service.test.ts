// examples/orders-service end to end, on real parts: the consumer and the status API against dynalite,
// payments answered by msw, the payments breaker state read from the SSM emulator. No AWS, no network.
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  apiGatewayV2Event,
  faults,
  LOCAL_CREDENTIALS,
  type LocalDynamo,
  lambdaContext,
  sqsEvent,
  ssmEmulator,
  startLocalDynamo,
  useMswServer,
} from '@bulwark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatusApi } from '../../examples/orders-service/src/api.js';
import { BREAKER_PREFIX, type ServiceTiming } from '../../examples/orders-service/src/config.js';
import { createConsumer } from '../../examples/orders-service/src/consumer.js';
import { createDynamo } from '../../examples/orders-service/src/dynamodb.js';
import { createOrdersTable } from '../../examples/orders-service/src/ordersTable.js';
import { createPayments } from '../../examples/orders-service/src/payments.js';

const TIMING: ServiceTiming = {
  paymentsAttemptMs: 200,
  paymentsTotalMs: 1_000,
  paymentsMaxAttempts: 3,
  backoffInitialMs: 5,
  backoffMaxMs: 20,
  breakerThreshold: 5,
  halfOpenAfterMs: 10_000,
  sharedStateMaxAgeSeconds: 1,
  tableAttemptMs: 300,
  tableTotalMs: 900,
  safetyMarginMs: 200,
  idempotencyExpirySeconds: 60,
};
const region = 'us-east-1';
const paymentsUrl = 'https://payments.test';
const ssm = ssmEmulator({ region });
const server = useMswServer(...ssm.handlers);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let dynamo: LocalDynamo;
let ssmClient: SSMClient;

beforeAll(async () => {
  dynamo = await startLocalDynamo({ region });
  ssmClient = new SSMClient({ region, credentials: LOCAL_CREDENTIALS });
  await dynamo.createIdempotencyTable('idempotency');
  await dynamo.client.send(
    new CreateTableCommand({
      TableName: 'orders',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    }),
  );
});
afterAll(async () => {
  ssmClient.destroy();
  await dynamo.stop();
});

function service(endpoint = dynamo.endpoint) {
  const payments = createPayments({
    baseUrl: paymentsUrl,
    timing: TIMING,
    breakerParameter: `${BREAKER_PREFIX}payments`,
    ssmClient,
    logger: silent,
  });
  const db = createDynamo(TIMING, { endpoint, region, credentials: LOCAL_CREDENTIALS });
  const orders = createOrdersTable({ tableName: 'orders', dynamo: db });
  const consume = createConsumer({
    payments,
    orders,
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: db.client }),
    timing: TIMING,
    logger: silent,
    now: () => new Date('2026-12-01T10:00:00.000Z'),
  });
  return { consume, api: createStatusApi({ orders, timing: TIMING, logger: silent }) };
}

const context = () => lambdaContext({ remainingMs: 10_000 });
const getOrder = (orderId: string) => ({
  ...apiGatewayV2Event({ method: 'GET', path: `/orders/${orderId}` }),
  pathParameters: { orderId },
});

describe('the consumer and the status API', () => {
  it('charges an order, records it, and shows it', async () => {
    // Prepare
    const payments = faults.status(`${paymentsUrl}/charges/:id`, 201, { body: { chargeId: 'ch_1' } });
    server.use(payments);
    const { consume, api } = service();
    // Act
    const response = await consume(
      sqsEvent([{ messageId: 'm1', body: { orderId: 'o-1', amountCents: 1250 } }]),
      context(),
    );
    const status = await api(getOrder('o-1'), context());
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(payments.calls).toBe(1);
    expect(status.statusCode).toBe(200);
    expect(JSON.parse(String(status.body))).toEqual({
      orderId: 'o-1',
      status: 'charged',
      chargeId: 'ch_1',
      amountCents: 1250,
      chargedAt: '2026-12-01T10:00:00.000Z',
    });
  });

  it('charges an order sent twice under two message ids once', async () => {
    const payments = faults.status(`${paymentsUrl}/charges/:id`, 201, { body: { chargeId: 'ch_2' } });
    server.use(payments);
    const { consume } = service();

    const body = { orderId: 'o-2', amountCents: 990 };
    const response = await consume(
      sqsEvent([
        { messageId: 'm1', body },
        { messageId: 'm2', body },
      ]),
      context(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(payments.calls).toBe(1);
  });

  it('reports a message without a valid amount, without calling payments', async () => {
    const payments = faults.status(`${paymentsUrl}/charges/:id`, 201, { body: { chargeId: 'ch_3' } });
    server.use(payments);
    const { consume } = service();

    const response = await consume(
      sqsEvent([
        { messageId: 'bad', body: { orderId: 'o-3', amountCents: -5 } },
        { messageId: 'good', body: { orderId: 'o-4', amountCents: 100 } },
      ]),
      context(),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
    expect(payments.calls).toBe(1);
  });

  it('does not retry a 2xx answer without a chargeId, and reports it', async () => {
    const payments = faults.status(`${paymentsUrl}/charges/:id`, 200, { body: { ok: true } });
    server.use(payments);
    const { consume } = service();

    const response = await consume(
      sqsEvent([
        { messageId: 'm1', body: { orderId: 'o-5', amountCents: 100 } },
        { messageId: 'm2', body: { orderId: 'o-6', amountCents: 100 } },
      ]),
      context(),
    ).catch((error: unknown) => error);

    expect(response).toMatchObject({ name: 'FullBatchFailureError' });
    expect(payments.calls).toBe(2);
  });

  it('answers 404 for an unknown order and 422 for an id that is not one', async () => {
    const { api } = service();

    const unknown = await api(getOrder('o-unknown'), context());
    const invalid = await api(getOrder('o 1;drop'), context());

    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers?.['content-type']).toBe('application/problem+json');
    expect(invalid.statusCode).toBe(422);
  });

  it('answers 503 with Retry-After, and no internals, when DynamoDB cannot be reached', async () => {
    // Port 1 on loopback: connection refused, fast.
    const { api } = service('http://127.0.0.1:1');

    const response = await api(getOrder('o-1'), context());

    expect(response.statusCode).toBe(503);
    expect(Number(response.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(String(response.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/);
  });
});
