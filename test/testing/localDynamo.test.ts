// dynalite in-process, the real DynamoDB client and Powertools idempotency, with msw listening at
// the same time (loopback passes through, anything else unhandled still fails).
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { faults, type LocalDynamo, lambdaContext, startLocalDynamo, useMswServer } from '@bulwark/testing';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const server = useMswServer();
let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});

afterAll(async () => {
  await dynamo.stop();
});

describe('startLocalDynamo', () => {
  it('creates a table with the key schema Powertools expects (id as hash key)', async () => {
    // Act
    const name = await dynamo.createIdempotencyTable('schema-default');
    const table = await dynamo.client.send(new DescribeTableCommand({ TableName: name }));

    // Assess
    expect(dynamo.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(table.Table?.TableStatus).toBe('ACTIVE');
    expect(table.Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
  });

  it('takes a custom key and sort key', async () => {
    const name = await dynamo.createIdempotencyTable('schema-custom', { keyAttr: 'pk', sortKeyAttr: 'sk' });
    const table = await dynamo.client.send(new DescribeTableCommand({ TableName: name }));
    expect(table.Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
  });

  it('rejects a sort key equal to the key', async () => {
    await expect(dynamo.createIdempotencyTable('bad', { keyAttr: 'id', sortKeyAttr: 'id' })).rejects.toThrow(
      "createIdempotencyTable: sortKeyAttr must differ from keyAttr, both are 'id'",
    );
  });

  it('backs Powertools makeIdempotent while msw intercepts other hosts', async () => {
    // Prepare
    const tableName = await dynamo.createIdempotencyTable('idempotency');
    const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamo.client });
    const payments = faults.status('https://payments.test/charge', 201);
    server.use(payments);
    let charged = 0;
    const charge = makeIdempotent(
      async (order: { orderId: string }, _context: Context) => {
        charged++;
        await fetch('https://payments.test/charge', { method: 'POST', body: order.orderId });
        return { charged: order.orderId };
      },
      { persistenceStore, config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }) },
    );
    const context = lambdaContext({ remainingMs: 10_000 });

    // Act
    const first = await charge({ orderId: 'o-1' }, context);
    const replay = await charge({ orderId: 'o-1' }, context);
    const stored = await dynamo.client.send(new ScanCommand({ TableName: tableName }));

    // Assess
    expect(first).toEqual({ charged: 'o-1' });
    expect(replay).toEqual({ charged: 'o-1' });
    expect(charged).toBe(1);
    expect(payments.calls).toBe(1);
    expect(stored.Items?.[0]?.status?.S).toBe('COMPLETED');
  });
});

describe('stop', () => {
  it('closes the server: the port no longer answers', async () => {
    // Prepare
    const local = await startLocalDynamo();
    await local.createIdempotencyTable();

    // Act
    await local.stop();
    const error = await fetch(local.endpoint).then(
      () => undefined,
      (failure: unknown) => failure as Error & { cause?: { code?: string } },
    );

    // Assess
    expect(error?.cause?.code).toBe('ECONNREFUSED');
    await local.stop(); // twice is fine
  });
});
