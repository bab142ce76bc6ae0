// The orders table, read and written through the protected DynamoDB client (see dynamodb.ts).
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Dependency } from '@bulwark/policies';
import type { Dynamo } from './dynamodb.js';

/** An order as the status API shows it. */
export interface OrderRecord {
  readonly orderId: string;
  readonly status: 'charged';
  readonly chargeId: string;
  readonly amountCents: number;
  readonly chargedAt: string;
}

/** The orders table and the two operations the service needs. */
export interface OrdersTable {
  readonly dependency: Dependency;
  recordCharge(order: OrderRecord): Promise<void>;
  getOrder(orderId: string): Promise<OrderRecord | undefined>;
}

/**
 * The orders table on the protected client. Build it once, at module scope.
 *
 * @example
 * ```ts
 * const orders = createOrdersTable({ tableName: 'orders', dynamo: createDynamo(LAMBDA_TIMING) });
 * await orders.getOrder('o-1');
 * ```
 */
export function createOrdersTable(options: {
  readonly tableName: string;
  readonly dynamo: Dynamo;
}): OrdersTable {
  const { tableName } = options;
  const ddb = options.dynamo.client;
  return {
    dependency: options.dynamo.dependency,
    async recordCharge(order) {
      // A plain put: the same order written twice holds the same charge (the consumer is idempotent).
      await ddb.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            orderId: { S: order.orderId },
            status: { S: order.status },
            chargeId: { S: order.chargeId },
            amountCents: { N: String(order.amountCents) },
            chargedAt: { S: order.chargedAt },
          },
        }),
      );
    },
    async getOrder(orderId) {
      const { Item } = await ddb.send(
        new GetItemCommand({ TableName: tableName, Key: { orderId: { S: orderId } }, ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      return {
        orderId,
        status: 'charged',
        chargeId: Item.chargeId?.S ?? '',
        amountCents: Number(Item.amountCents?.N ?? 0),
        chargedAt: Item.chargedAt?.S ?? '',
      };
    },
  };
}
