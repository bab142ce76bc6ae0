// A DynamoDB stand-in for Powertools idempotency tests: dynalite (LevelDB in memory) in this
// process on a free loopback port, with a client already pointed at it.

import { once } from 'node:events';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { optionError, readOptions } from '@bulwark/errors';

// dynalite is CommonJS without types; this is the part of it used here.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

/**
 * Options of {@link LocalDynamo.createIdempotencyTable}, matching Powertools'
 * `DynamoDBPersistenceLayer` options of the same names.
 *
 * @example
 * ```ts
 * await dynamo.createIdempotencyTable('idempotency', { keyAttr: 'pk', sortKeyAttr: 'sk' });
 * ```
 */
export interface IdempotencyTableOptions {
  /** Hash key attribute. @defaultValue 'id' (Powertools' default) */
  readonly keyAttr?: string;
  /** Range key attribute, for a table shared by several functions. @defaultValue none */
  readonly sortKeyAttr?: string;
}

/**
 * A running local DynamoDB.
 *
 * @example
 * ```ts
 * const dynamo = await startLocalDynamo();
 * await dynamo.createIdempotencyTable('idempotency');
 * const layer = new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: dynamo.client });
 * await dynamo.stop();
 * ```
 */
export interface LocalDynamo {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly region: string;
  /** A client with the endpoint override and fake credentials. */
  readonly client: DynamoDBClient;
  /** Creates a table with the key schema Powertools idempotency expects; returns its name. */
  createIdempotencyTable(name?: string, options?: IdempotencyTableOptions): Promise<string>;
  /** Destroys the client, every open socket and the server. */
  stop(): Promise<void>;
}

/** Fake credentials: dynalite does not check signatures, but the SDK insists on signing. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' } as const;

/**
 * Starts dynalite in-process on `127.0.0.1`, port 0. Tables become ACTIVE at once. With msw's
 * unhandled requests as errors, keep loopback passed through ({@link useMswServer} does).
 *
 * @example
 * ```ts
 * const dynamo = await startLocalDynamo();
 * const table = await dynamo.createIdempotencyTable();
 * // ... makeIdempotent(fn, { persistenceStore: new DynamoDBPersistenceLayer({ tableName: table, awsSdkV3Client: dynamo.client }) })
 * await dynamo.stop();
 * ```
 */
export async function startLocalDynamo(options?: { readonly region?: string }): Promise<LocalDynamo> {
  const region = readOptions('startLocalDynamo', options, ['region']).region ?? 'us-east-1';
  if (typeof region !== 'string' || region === '') {
    throw optionError('startLocalDynamo', 'region', region, "a region name like 'us-east-1'");
  }
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startLocalDynamo: no TCP address');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  let stopped = false;

  return {
    endpoint,
    region,
    client,
    async createIdempotencyTable(name = 'idempotency', tableOptions?: IdempotencyTableOptions) {
      const o = readOptions('createIdempotencyTable', tableOptions, ['keyAttr', 'sortKeyAttr']);
      const { keyAttr = 'id', sortKeyAttr } = o as IdempotencyTableOptions;
      if (sortKeyAttr === keyAttr) {
        throw new TypeError(
          `createIdempotencyTable: sortKeyAttr must differ from keyAttr, both are '${keyAttr}'`,
        );
      }
      await client.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: keyAttr, AttributeType: 'S' },
            ...(sortKeyAttr === undefined
              ? []
              : [{ AttributeName: sortKeyAttr, AttributeType: 'S' as const }]),
          ],
          KeySchema: [
            { AttributeName: keyAttr, KeyType: 'HASH' },
            ...(sortKeyAttr === undefined ? [] : [{ AttributeName: sortKeyAttr, KeyType: 'RANGE' as const }]),
          ],
        }),
      );
      return name;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      client.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
