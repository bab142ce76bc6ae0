// Powertools idempotency against dynalite, started in this process on a free loopback port.
import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { type LocalDynamo, startLocalDynamo } from '@bulwark/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});

afterAll(async () => {
  await dynamo.stop();
});

it('runs a charge once for the same payload', async () => {
  const tableName = await dynamo.createIdempotencyTable('idempotency');
  let charges = 0;
  const charge = makeIdempotent(
    async (order: { orderId: string }) => {
      charges++;
      return { charged: order.orderId };
    },
    { persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamo.client }) },
  );

  await charge({ orderId: 'o-1' });
  await charge({ orderId: 'o-1' });

  expect(charges).toBe(1);
});
