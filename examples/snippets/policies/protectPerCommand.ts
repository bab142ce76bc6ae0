// One client shared by two dependencies, by command: fast reads and patient writes, each with its own
// timeouts, breaker and retry budget. A command neither maps is refused (TypeError) when sent.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { wrapDependency } from '@bulwark/policies';

export const client = new DynamoDBClient({});
const reads = wrapDependency('orders-reads', { timeout: { attemptMs: 300, totalMs: 1_000 } });
const writes = wrapDependency('orders-writes', { timeout: { attemptMs: 2_000, totalMs: 6_000 } });
reads.protect(client, { commands: ['GetItemCommand', 'QueryCommand'] });
writes.protect(client, { commands: ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'] });
