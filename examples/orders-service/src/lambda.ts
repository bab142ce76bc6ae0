// The deployed entry points. Everything is built once per Lambda instance, at module scope, from the
// environment the CDK stack sets; a missing variable fails the cold start with its name.
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { createStatusApi } from './api.js';
import { configFromEnv, LAMBDA_TIMING } from './config.js';
import { createConsumer } from './consumer.js';
import { createDynamo } from './dynamodb.js';
import { createOrdersTable } from './ordersTable.js';
import { createPayments } from './payments.js';
import { createProbe, PROBE_TIMING } from './probe.js';

const config = configFromEnv(process.env);
const logger = new Logger({ serviceName: 'orders-service' });

const payments = createPayments({
  baseUrl: config.paymentsUrl,
  timing: LAMBDA_TIMING,
  breakerParameter: config.paymentsBreakerParameter,
  logger,
});
// One protected client for both tables: Powertools idempotency's requests get the same timeouts and breaker.
const dynamo = createDynamo(LAMBDA_TIMING);
const orders = createOrdersTable({ tableName: config.ordersTable, dynamo });

/** SQS event source: `ChargeOrders` queue, batch item failures reported. */
export const consume = createConsumer({
  payments,
  orders,
  persistenceStore: new DynamoDBPersistenceLayer({
    tableName: config.idempotencyTable,
    awsSdkV3Client: dynamo.client,
  }),
  timing: LAMBDA_TIMING,
  logger,
});

/** API Gateway HTTP API: `GET /orders/{orderId}`. */
export const api = createStatusApi({ orders, timing: LAMBDA_TIMING, logger });

/** EventBridge schedule, `rate(1 minute)`. */
export const probe = createProbe({ paymentsUrl: config.paymentsUrl, timing: PROBE_TIMING, logger });
