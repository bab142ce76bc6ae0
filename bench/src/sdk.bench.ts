// The added cost of `dependency.protect(client)` over a bare AWS SDK v3 `send`, in the same run:
// 1. a real DynamoDBClient sending GetItem to a 127.0.0.1 server (keep-alive sockets, real signing and
//    (de)serialization): bare default client vs the same client protected;
// 2. the same send answered by an in-memory request handler (no socket), which isolates the middleware,
//    the chain and the attempt scope from network noise.
// Rounds alternate bare/protected so drift on a shared machine hits both; medians are reported.
// Goal: the protected send adds < 5 % to a loopback send.

import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { wrapDependency } from '@bulwark/policies';
import { LOCAL_CREDENTIALS, startFaultServer } from '@bulwark/testing';
import type { Benchmark, BenchSize, BenchTable } from '../harness.js';

const EMPTY_ITEM = {
  status: 200,
  headers: { 'content-type': 'application/x-amz-json-1.0' },
  body: '{}',
} as const;
const command = new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'order#42' } } });

/** A request handler that answers every request from memory, as the SDK's NodeHttpHandler would. */
const inMemoryHandler = () => ({
  metadata: { handlerProtocol: 'http/1.1' },
  handle: async () => ({
    response: {
      statusCode: 200,
      reason: 'OK',
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: Readable.from([Buffer.from('{}')]),
    },
  }),
  updateHttpClientConfig: () => undefined,
  httpHandlerConfigs: () => ({}),
  destroy: () => undefined,
});

function client(endpoint: string, inMemory: boolean): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    ...(inMemory ? { requestHandler: inMemoryHandler() } : {}),
  });
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * µs per send for each client: each round times both, in alternating order (ABBA) so drift hits both
 * alike; the added cost is the median of the per-round differences.
 */
async function compare(
  bare: DynamoDBClient,
  protectedClient: DynamoDBClient,
  iterations: number,
  rounds: number,
) {
  const time = async (c: DynamoDBClient): Promise<number> => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await c.send(command);
    return Number(process.hrtime.bigint() - start) / iterations / 1_000;
  };
  for (const c of [bare, protectedClient])
    for (let i = 0; i < Math.min(300, iterations); i++) await c.send(command);
  const bareUs: number[] = [];
  const protectedUs: number[] = [];
  const addedUs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let b: number;
    let p: number;
    if (r % 2 === 0) {
      b = await time(bare);
      p = await time(protectedClient);
    } else {
      p = await time(protectedClient);
      b = await time(bare);
    }
    bareUs.push(b);
    protectedUs.push(p);
    addedUs.push(p - b);
  }
  return {
    bareMinUs: Math.min(...bareUs),
    protectedMinUs: Math.min(...protectedUs),
    bareUs: median(bareUs),
    protectedUs: median(protectedUs),
    addedUs: median(addedUs),
  };
}

const bench: Benchmark = {
  name: 'sdk',
  async run(size: BenchSize) {
    const iterations = size === 'full' ? 1_500 : 30;
    const rounds = size === 'full' ? 16 : 2;
    const server = await startFaultServer(() => EMPTY_ITEM);
    try {
      const rows: [string, Awaited<ReturnType<typeof compare>>][] = [];
      for (const inMemory of [false, true]) {
        const bare = client(server.url, inMemory);
        const protectedClient = wrapDependency(`sdk-bench-${inMemory}`, { logger: false }).protect(
          client(server.url, inMemory),
        );
        rows.push([
          inMemory ? 'in-memory handler (no socket)' : '127.0.0.1 server',
          await compare(bare, protectedClient, iterations, rounds),
        ]);
        bare.destroy();
        protectedClient.destroy();
      }
      const [loopback] = rows;
      const addedPct = loopback ? (loopback[1].addedUs / loopback[1].bareUs) * 100 : Number.NaN;
      const us = (n: number) => `${n.toFixed(1)} µs`;
      const table: BenchTable = {
        title: 'AWS SDK v3 send: bare vs protected (DynamoDB GetItem, µs per send, ABBA rounds)',
        columns: [
          'transport',
          'bare (min / median)',
          'protected (min / median)',
          'added, min to min',
          'added, median of paired rounds',
        ],
        rows: rows.map(([name, r]) => [
          name,
          `${r.bareMinUs.toFixed(1)} / ${r.bareUs.toFixed(1)}`,
          `${r.protectedMinUs.toFixed(1)} / ${r.protectedUs.toFixed(1)}`,
          us(r.protectedMinUs - r.bareMinUs),
          us(r.addedUs),
        ]),
        notes: [
          `Goal: < 5 % added to a loopback send (median of paired rounds): ${addedPct < 5 ? 'met' : 'NOT met'} (${addedPct.toFixed(1)} %).`,
          'The in-memory row is the CPU the middleware, the chain and the attempt scope add; on a shared machine the minimum is the least disturbed estimate, and the loopback medians carry its noise.',
        ],
      };
      return {
        tables: [table],
        data: Object.fromEntries(rows.map(([name, r]) => [name, r])),
      };
    } finally {
      await server.close();
    }
  },
};

export default bench;
