// The two consumers the demo compares, each as one Lambda instance would hold it.
// - hardened: the orders service itself (examples/orders-service/src), wired to local stand-ins.
// - naive: what a consumer often looks like before hardening: plain fetch without a timeout, retries
//   without backoff, no idempotency, Promise.all over the batch (one failure fails the whole batch).
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Dependency } from '@bulwark/policies';
import { LOCAL_CREDENTIALS, type LocalDynamo } from '@bulwark/testing';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { BREAKER_PREFIX } from '../../orders-service/src/config.js';
import { createConsumer } from '../../orders-service/src/consumer.js';
import { createDynamo } from '../../orders-service/src/dynamodb.js';
import { createOrdersTable } from '../../orders-service/src/ordersTable.js';
import { createPayments } from '../../orders-service/src/payments.js';
import { DEMO_TIMING } from './timing.js';

/** One Lambda instance's handler, and what it can tell about itself. */
export interface ConsumerInstance {
  readonly handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;
  /** The payments dependency (hardened only), for its breaker state and retry count. */
  readonly payments?: Dependency;
  /** Retries made by the naive retry loop. */
  readonly naiveRetries: () => number;
}

/** Logs nothing: the live view is the demo's output (`--logs` turns Powertools logs on). */
export function demoLogger(verbose: boolean): Logger {
  return new Logger({ serviceName: 'orders-demo', logLevel: verbose ? 'INFO' : 'SILENT' });
}

/**
 * One instance of the real orders consumer, with its own module-scope state (breakers, clients).
 *
 * @example
 * ```ts
 * const a = hardenedInstance({ paymentsUrl, dynamo, ssmClient, tables, logger });
 * ```
 */
export function hardenedInstance(parts: {
  readonly paymentsUrl: string;
  readonly dynamo: LocalDynamo;
  readonly ssmClient: SSMClient;
  readonly ordersTable: string;
  readonly idempotencyTable: string;
  readonly logger: Logger;
}): ConsumerInstance {
  const payments = createPayments({
    baseUrl: parts.paymentsUrl,
    timing: DEMO_TIMING,
    breakerParameter: `${BREAKER_PREFIX}payments`,
    ssmClient: parts.ssmClient,
    logger: parts.logger,
  });
  const dynamo = createDynamo(DEMO_TIMING, {
    endpoint: parts.dynamo.endpoint,
    region: parts.dynamo.region,
    credentials: LOCAL_CREDENTIALS,
  });
  const handler = createConsumer({
    payments,
    orders: createOrdersTable({ tableName: parts.ordersTable, dynamo }),
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: parts.idempotencyTable,
      awsSdkV3Client: dynamo.client,
    }),
    timing: DEMO_TIMING,
    logger: parts.logger,
  });
  return {
    handler: async (event, context) => handler(event, context),
    payments: payments.dependency,
    naiveRetries: () => 0,
  };
}

/**
 * One instance of the naive consumer.
 *
 * @example
 * ```ts
 * const n = naiveInstance({ paymentsUrl, dynamo, ordersTable: 'orders-naive' });
 * ```
 */
export function naiveInstance(parts: {
  readonly paymentsUrl: string;
  readonly dynamo: LocalDynamo;
  readonly ordersTable: string;
}): ConsumerInstance {
  // bulwark-ignore sdk-client-no-timeout: the naive consumer of the comparison keeps the SDK defaults on purpose
  const ddb = new DynamoDBClient({
    endpoint: parts.dynamo.endpoint,
    region: parts.dynamo.region,
    credentials: LOCAL_CREDENTIALS,
  });
  let retries = 0;
  const chargeOnce = async (orderId: string, amountCents: number): Promise<void> => {
    // bulwark-ignore http-no-timeout: the naive consumer of the comparison, on purpose
    const response = await fetch(`${parts.paymentsUrl}/charges/${orderId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amountCents }),
    });
    if (!response.ok) throw new Error(`payments answered ${response.status}`);
    const { chargeId } = (await response.json()) as { chargeId: string };
    await ddb.send(
      new PutItemCommand({
        TableName: parts.ordersTable,
        Item: { orderId: { S: orderId }, status: { S: 'charged' }, chargeId: { S: chargeId } },
      }),
    );
  };
  return {
    handler: async (event) => {
      await Promise.all(
        event.Records.map(async (record) => {
          const { orderId, amountCents } = JSON.parse(record.body) as {
            orderId: string;
            amountCents: number;
          };
          // bulwark-ignore no-circuit-breaker, retry-no-jitter: the naive consumer of the comparison retries at once, without a breaker, on purpose
          for (let attempt = 1; ; attempt++) {
            try {
              return await chargeOnce(orderId, amountCents);
            } catch (error) {
              if (attempt === 3) throw error;
              retries++;
            }
          }
        }),
      );
      return undefined;
    },
    naiveRetries: () => retries,
  };
}
