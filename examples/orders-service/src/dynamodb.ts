// DynamoDB as one dependency: one client, protected once, shared by the orders table and the idempotency
// store, so every request to DynamoDB (ours and Powertools') has a timeout, our retries and a breaker.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { type Dependency, wrapDependency } from '@bulwark/policies';
import type { ServiceTiming } from './config.js';

/** The protected client and the dependency it runs through. */
export interface Dynamo {
  readonly dependency: Dependency;
  readonly client: DynamoDBClient;
}

/**
 * A DynamoDB client behind a `dynamodb` dependency (SDK retries off, one request per attempt, the
 * attempt's timeout at the socket). `config` is for local endpoints (the demo, tests).
 *
 * @example
 * ```ts
 * const dynamo = createDynamo(LAMBDA_TIMING);
 * const orders = createOrdersTable({ tableName: 'orders', dynamo });
 * ```
 */
export function createDynamo(timing: ServiceTiming, config: DynamoDBClientConfig = {}): Dynamo {
  const dependency = wrapDependency('dynamodb', {
    timeout: { attemptMs: timing.tableAttemptMs, totalMs: timing.tableTotalMs },
    retry: { maxAttempts: 3 },
    breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
    logger: false,
  });
  // protect sets the client's connection and request timeouts from attemptMs.
  return { dependency, client: dependency.protect(new DynamoDBClient(config)) };
}
