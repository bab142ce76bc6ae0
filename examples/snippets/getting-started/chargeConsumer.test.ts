// The consumer's failure tests: real Powertools idempotency on a local DynamoDB (dynalite), payments
// answered by msw fault handlers, events built like the ones Lambda sends. No AWS, no network.
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import {
  faults,
  type LocalDynamo,
  lambdaContext,
  sqsEvent,
  startLocalDynamo,
  useMswServer,
} from '@bulwark/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createChargeConsumer } from './chargeConsumer.js';

const server = useMswServer();
const paymentsUrl = 'https://payments.test';
let dynamo: LocalDynamo;
let consumer: (attemptMs?: number) => ReturnType<typeof createChargeConsumer>;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  const tableName = await dynamo.createIdempotencyTable('idempotency');
  consumer = (attemptMs = 100) =>
    createChargeConsumer({
      paymentsUrl,
      timeout: { attemptMs, totalMs: 2_000 },
      persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamo.client }),
    });
});
afterAll(() => dynamo.stop());

const orders = (...ids: string[]) =>
  sqsEvent(ids.map((orderId, i) => ({ messageId: `m${i + 1}`, body: { orderId, amountCents: 1250 } })));
const context = () => lambdaContext({ remainingMs: 10_000 });

it('retries a 503 and reports nothing', async () => {
  const payments = faults.sequence(`${paymentsUrl}/charges`, [
    503,
    { status: 201, body: { chargeId: 'c-1' } },
  ]);
  server.use(payments);

  const response = await consumer().handler(orders('o-retry'), context());

  expect(response.batchItemFailures).toEqual([]);
  expect(payments.calls).toBe(2);
});

it('cuts each hung attempt at attemptMs, then gives the record back', async () => {
  const payments = faults.hang(`${paymentsUrl}/charges`);
  server.use(payments);

  const outcome = consumer(50).handler(orders('o-hang'), context());

  // Its only record failed, so the handler throws (the event source backs off); the message comes back.
  await expect(outcome).rejects.toMatchObject({ name: 'FullBatchFailureError' });
  expect(payments.calls).toBe(3);
  expect(payments.pending).toBe(0);
});

it('stops calling payments once its breaker opens, and reports every record', async () => {
  const payments = faults.status(`${paymentsUrl}/charges`, 503);
  server.use(payments);
  const { handler } = consumer(50);

  const ids = Array.from({ length: 10 }, (_, i) => `o-down-${i}`);
  const response = await handler(orders(...ids), context()).catch((error: unknown) => error);

  // Every record failed, so the handler throws (the event source backs off); nothing is lost.
  expect(response).toMatchObject({ name: 'FullBatchFailureError' });
  // 5 consecutive failures open the breaker: 2 records x 3 attempts, then no more calls.
  expect(payments.calls).toBeLessThanOrEqual(6);
});

it('charges an order sent twice once', async () => {
  const payments = faults.status(`${paymentsUrl}/charges`, 201, { body: { chargeId: 'c-2' } });
  server.use(payments);

  const response = await consumer().handler(orders('o-twice', 'o-twice'), context());

  expect(response.batchItemFailures).toEqual([]);
  expect(payments.calls).toBe(1);
});
