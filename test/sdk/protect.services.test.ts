// `protect` with the services and libraries a Lambda team puts in front of it: SSM through the kit's
// msw emulator (real SSMClient, real requests), Powertools idempotency's DynamoDB persistence layer and
// a DynamoDBDocumentClient on dynalite, and a client shared per command by two dependencies.

import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { wrapDependency } from '@bulwark/policies';
import {
  LOCAL_CREDENTIALS,
  type LocalDynamo,
  lambdaContext,
  ssmEmulator,
  startLocalDynamo,
  useMswServer,
} from '@bulwark/testing';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from './support.js';

const ssm = ssmEmulator({ region: 'eu-west-1' });
useMswServer(...ssm.handlers);
const fast = { initialDelayMs: 5, maxDelayMs: 20 } as const;

let dynamo: LocalDynamo;
let table: string;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = await dynamo.createIdempotencyTable('idempotency');
});
afterAll(async () => {
  await dynamo?.stop();
});

describe('protect: SSM through the msw emulator', () => {
  it('GetParameter answers through the chain; two throttled answers are retried by us, not the SDK', async () => {
    // Prepare
    ssm.put('/orders/flag', 'on');
    ssm.throttleNext(2);
    const parameters = wrapDependency('parameters', {
      logger: false,
      retry: { maxAttempts: 3, backoff: fast },
    });
    const reasons: string[] = [];
    parameters.onRetry((e) => reasons.push(e.classification.reason));
    const client = parameters.protect(new SSMClient({ region: 'eu-west-1', credentials: LOCAL_CREDENTIALS }));
    const before = ssm.calls.GetParameter;
    // Act
    const output = await client.send(new GetParameterCommand({ Name: '/orders/flag' }));
    // Assess
    expect(output.Parameter?.Value).toBe('on');
    expect(reasons).toEqual(['throttled', 'throttled']);
    expect(ssm.calls.GetParameter - before).toBe(3);
    expect(parameters.stats()).toMatchObject({ attempts: 3, retries: 2, successes: 1 });
    client.destroy();
  });

  it('ParameterNotFound is one request and leaves the breaker closed', async () => {
    // Prepare
    const parameters = wrapDependency('parameters', { logger: false, breaker: { threshold: 1 } });
    const client = parameters.protect(new SSMClient({ region: 'eu-west-1', credentials: LOCAL_CREDENTIALS }));
    const before = ssm.calls.GetParameter;
    // Act
    const error = await client.send(new GetParameterCommand({ Name: '/missing' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ParameterNotFound' });
    expect(ssm.calls.GetParameter - before).toBe(1);
    expect(parameters.state).toBe('closed');
    client.destroy();
  });
});

describe('protect: DynamoDB on dynalite', () => {
  it("Powertools idempotency's DynamoDBPersistenceLayer works on a protected client", async () => {
    // Prepare: a breaker that opens on one counted failure, so a misread conditional check would show.
    const ledger = wrapDependency('ledger', { logger: false, breaker: { threshold: 1 } });
    const client = ledger.protect(dynamoClient(dynamo.endpoint));
    let charged = 0;
    const charge = makeIdempotent(
      async (event: { orderId: string }, _context: Context) => {
        charged++;
        return { charged: event.orderId };
      },
      { persistenceStore: new DynamoDBPersistenceLayer({ tableName: table, awsSdkV3Client: client }) },
    );
    const context = lambdaContext();
    // Act
    const first = await charge({ orderId: 'o-1' }, context);
    const again = await charge({ orderId: 'o-1' }, context);
    // Assess
    expect(first).toEqual({ charged: 'o-1' });
    expect(again).toEqual({ charged: 'o-1' });
    expect(charged).toBe(1);
    expect(ledger.state).toBe('closed');
    // PutItem (record in progress), UpdateItem (completed); then PutItem refused by its condition and a GetItem.
    expect(ledger.stats()).toMatchObject({ calls: 4, attempts: 4, failures: 1, rejected: 0 });
    client.destroy();
  });

  it('a DynamoDBDocumentClient built from a protected client runs through the same dependency', async () => {
    // Prepare
    const orders = wrapDependency('orders', { logger: false });
    const doc = DynamoDBDocumentClient.from(orders.protect(dynamoClient(dynamo.endpoint)));
    // Act
    await doc.send(new PutCommand({ TableName: table, Item: { id: 'doc#1', total: 42 } }));
    const got = await doc.send(new GetCommand({ TableName: table, Key: { id: 'doc#1' } }));
    // Assess
    expect(got.Item).toEqual({ id: 'doc#1', total: 42 });
    expect(orders.stats()).toMatchObject({ calls: 2, attempts: 2, successes: 2 });
    doc.destroy();
  });

  it('per-command mapping: reads and writes of one client count on their own dependencies', async () => {
    // Prepare
    const client = dynamoClient(dynamo.endpoint);
    const reads = wrapDependency('orders-reads', { logger: false });
    const writes = wrapDependency('orders-writes', { logger: false });
    reads.protect(client, { commands: ['GetItemCommand'] });
    writes.protect(client, { commands: ['PutItemCommand'] });
    // Act
    await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'map#1' } } }));
    const got = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'map#1' } } }));
    // Assess
    expect(got.Item).toEqual({ id: { S: 'map#1' } });
    expect(reads.stats()).toMatchObject({ calls: 1, successes: 1 });
    expect(writes.stats()).toMatchObject({ calls: 1, successes: 1 });
    client.destroy();
  });
});
