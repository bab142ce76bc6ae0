// The Lambda entry point: built once per instance, from the environment. DynamoDB requests of the
// idempotency store go through their own dependency too (timeouts, our retries, a breaker).
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { wrapDependency } from '@bulwark/policies';
import { createChargeConsumer } from './chargeConsumer.js';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new TypeError(`environment variable ${name} must be set`);
  return value;
}

const dynamodb = wrapDependency('dynamodb', { timeout: { attemptMs: 1_000, totalMs: 2_500 } });

export const { handler } = createChargeConsumer({
  paymentsUrl: required('PAYMENTS_URL'),
  persistenceStore: new DynamoDBPersistenceLayer({
    tableName: required('IDEMPOTENCY_TABLE'),
    awsSdkV3Client: dynamodb.protect(new DynamoDBClient({})),
  }),
});
