// Per-record idempotency against a DynamoDB stand-in (dynalite) with the real Powertools
// DynamoDBPersistenceLayer and the real AWS SDK client.

import { createHash } from 'node:crypto';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { TransientError } from '@bulwark/errors';
import { sqsHandler } from '@bulwark/lambda';
import { type LocalDynamo, lambdaContext, sqsEvent, sqsRecord, startLocalDynamo } from '@bulwark/testing';
import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapturingLogger } from '../../packages/lambda/src/__support__/CapturingLogger.js';

let dynamo: LocalDynamo;
let table: string;
let tables = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = await dynamo.createIdempotencyTable('idempotency');
});

afterAll(async () => {
  await dynamo?.stop();
});

/** One Lambda execution environment: its own persistence layer instance, the shared table. */
const environment = (options: { keyPrefix?: string; bodyKeyJmesPath?: string } = {}) => {
  const logger = new CapturingLogger();
  const applied: string[] = [];
  let gate: Promise<void> | undefined;
  const handler = sqsHandler<{ orderId?: string; fail?: boolean }>(
    async (record: SQSRecord, { body }) => {
      if (gate !== undefined) await gate;
      if (body.fail === true) throw new TransientError('edna 503');
      applied.push(record.messageId);
      return { charged: body.orderId ?? record.messageId };
    },
    {
      logger,
      throwOnFullBatchFailure: false,
      idempotency: {
        persistenceStore: new DynamoDBPersistenceLayer({ tableName: table, awsSdkV3Client: dynamo.client }),
        keyPrefix: options.keyPrefix ?? `orders-${++tables}`,
        ...(options.bodyKeyJmesPath === undefined ? {} : { bodyKeyJmesPath: options.bodyKeyJmesPath }),
      },
    },
  );
  return {
    handler,
    logger,
    applied,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
    summaries: () => logger.find('SQS batch summary').map((line) => line.batch as Record<string, unknown>),
  };
};

const ids = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier);

describe('sqsHandler idempotency (DynamoDB via dynalite)', () => {
  it('applies a message delivered twice once, and answers the duplicate from the store', async () => {
    // Prepare
    const env = environment();
    const message = sqsRecord({ messageId: 'm-1', body: { orderId: 'o-1' } });
    // Act
    const first = await env.handler(sqsEvent([message]), lambdaContext());
    const second = await env.handler(
      sqsEvent([{ ...message, attributes: { ...message.attributes, ApproximateReceiveCount: '2' } }]),
      lambdaContext(),
    );
    // Assess
    expect(ids(first)).toEqual([]);
    expect(ids(second)).toEqual([]);
    expect(env.applied).toEqual(['m-1']);
    expect(env.summaries()[1]).toMatchObject({ succeeded: 1, duplicates: 1 });
  });

  it('reports an in-progress duplicate for redelivery, then answers it from the store once the first finishes', async () => {
    // Prepare: two execution environments share the table; the first is still working on m-2
    const keyPrefix = 'orders-shared';
    const a = environment({ keyPrefix });
    const b = environment({ keyPrefix });
    const message = sqsRecord({ messageId: 'm-2', body: { orderId: 'o-2' } });
    const release = a.hold();
    const inFlight = a.handler(sqsEvent([message]), lambdaContext());
    await new Promise((resolve) => setTimeout(resolve, 100)); // let a write its IN_PROGRESS record
    // Act
    const duplicate = await b.handler(sqsEvent([message]), lambdaContext());
    release();
    const original = await inFlight;
    const redelivered = await b.handler(sqsEvent([message]), lambdaContext());
    // Assess
    expect(ids(duplicate)).toEqual(['m-2']);
    expect(b.logger.find('record failed; reported for redelivery')[0]).toMatchObject({
      kind: 'transient',
      reason: 'conflict',
    });
    expect(ids(original)).toEqual([]);
    expect(ids(redelivered)).toEqual([]);
    expect([...a.applied, ...b.applied]).toEqual(['m-2']);
  });

  it('keys a record by its message id alone: the stored key is the hash of the id, stable across releases', async () => {
    // Prepare: a key format that changed in a deploy would let every in-flight redelivery run again
    const env = environment({ keyPrefix: 'orders-key' });
    const expected = `orders-key#${createHash('md5').update(JSON.stringify('m-key')).digest('base64')}`;
    // Act
    await env.handler(
      sqsEvent([sqsRecord({ messageId: 'm-key', body: { orderId: 'o-9' } })]),
      lambdaContext(),
    );
    // Assess
    const stored = await dynamo.client.send(
      new GetItemCommand({ TableName: table, Key: { id: { S: expected } } }),
    );
    expect(stored.Item?.status?.S).toBe('COMPLETED');
  });

  it('keys by a JMESPath into the body: two message ids for the same order apply once', async () => {
    // Prepare
    const env = environment({ bodyKeyJmesPath: 'orderId' });
    // Act
    const response = await env.handler(
      sqsEvent([
        { messageId: 'm-3a', body: { orderId: 'o-3' } },
        { messageId: 'm-3b', body: { orderId: 'o-3' } },
      ]),
      lambdaContext(),
    );
    // Assess
    expect(ids(response)).toEqual([]);
    expect(env.applied).toEqual(['m-3a']);
    expect(env.summaries()[0]).toMatchObject({ succeeded: 2, duplicates: 1 });
  });

  it('releases the key when the handler fails, so the redelivery runs it again', async () => {
    // Prepare
    const env = environment();
    // Act
    const failed = await env.handler(sqsEvent([{ messageId: 'm-4', body: { fail: true } }]), lambdaContext());
    const retried = await env.handler(sqsEvent([{ messageId: 'm-4', body: {} }]), lambdaContext());
    // Assess
    expect(ids(failed)).toEqual(['m-4']);
    expect(ids(retried)).toEqual([]);
    expect(env.applied).toEqual(['m-4']);
  });

  it('treats a body without the key as a permanent failure (never silently not idempotent)', async () => {
    // Prepare
    const env = environment({ bodyKeyJmesPath: 'orderId' });
    // Act
    const response = await env.handler(sqsEvent([{ messageId: 'm-5', body: { other: 1 } }]), lambdaContext());
    // Assess
    expect(ids(response)).toEqual(['m-5']);
    expect(env.applied).toEqual([]);
    expect(env.logger.lines.find((l) => l.level === 'ERROR')).toMatchObject({
      kind: 'permanent',
      reason: 'invalid-input',
    });
  });

  it('reports the record for redelivery when the idempotency table is unreachable', async () => {
    // Prepare: a persistence layer pointed at a table that does not exist
    const logger = new CapturingLogger();
    const handler = sqsHandler(() => 'done', {
      logger,
      throwOnFullBatchFailure: false,
      idempotency: {
        persistenceStore: new DynamoDBPersistenceLayer({
          tableName: 'missing',
          awsSdkV3Client: dynamo.client,
        }),
        keyPrefix: 'orders-missing-table',
      },
    });
    // Act
    const response = await handler(sqsEvent([{ messageId: 'm-6' }]), lambdaContext());
    // Assess
    expect(ids(response)).toEqual(['m-6']);
    expect(logger.find('record failed; reported for redelivery')[0]).toMatchObject({
      kind: 'transient',
      dependency: 'idempotency-store',
    });
  });
});
