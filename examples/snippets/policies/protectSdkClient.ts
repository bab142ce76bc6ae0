// An AWS SDK v3 client behind a dependency: every send goes through the chain, one request per attempt.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { wrapDependency } from '@bulwark/policies';

// Module scope: one dependency, one client, for the life of the Lambda instance.
const ordersTable = wrapDependency('orders-table', {
  timeout: { attemptMs: 1_000, totalMs: 3_000 },
  retry: { maxAttempts: 3 },
  breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
});
export const ddb = ordersTable.protect(new DynamoDBClient({}));

export async function getOrder(id: string) {
  // No abortSignal, no maxAttempts, no requestTimeout to remember: protect wired them to the chain.
  const { Item } = await ddb.send(
    new GetItemCommand({ TableName: 'orders', Key: { pk: { S: `order#${id}` } } }),
  );
  return Item;
}
