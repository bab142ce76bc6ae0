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
import { type Benchmark, type BenchSize, type BenchTable, median } from '../harness.js';

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

/** One timed round: wall and process CPU µs per send (client and server share this process). */
interface Round {
  readonly wallUs: number;
  readonly cpuUs: number;
}

/**
 * Per-send cost of each client: each round times both, in alternating order (ABBA) so drift hits both
 * alike; the added cost is the median of the per-round differences. CPU time is the steadier measure on
 * a shared machine: waiting for a core shows in wall time, not in this process's CPU time.
 */
async function compare(
  bare: DynamoDBClient,
  protectedClient: DynamoDBClient,
  iterations: number,
  rounds: number,
) {
  const time = async (c: DynamoDBClient): Promise<Round> => {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await c.send(command);
    const used = process.cpuUsage(cpu);
    return {
      wallUs: Number(process.hrtime.bigint() - start) / iterations / 1_000,
      cpuUs: (used.user + used.system) / iterations,
    };
  };
  for (const c of [bare, protectedClient])
    for (let i = 0; i < Math.min(300, iterations); i++) await c.send(command);
  const pairs: [Round, Round][] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      const b = await time(bare);
      pairs.push([b, await time(protectedClient)]);
    } else {
      const p = await time(protectedClient);
      pairs.push([await time(bare), p]);
    }
  }
  const of = (pick: (pair: [Round, Round]) => number) => median(pairs.map(pick));
  return {
    bareWallUs: of(([b]) => b.wallUs),
    protectedWallUs: of(([, p]) => p.wallUs),
    addedWallUs: of(([b, p]) => p.wallUs - b.wallUs),
    bareCpuUs: of(([b]) => b.cpuUs),
    protectedCpuUs: of(([, p]) => p.cpuUs),
    addedCpuUs: of(([b, p]) => p.cpuUs - b.cpuUs),
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
      const addedPct = loopback ? (loopback[1].addedCpuUs / loopback[1].bareCpuUs) * 100 : Number.NaN;
      const us = (n: number) => `${n.toFixed(1)} µs`;
      const table: BenchTable = {
        title: 'AWS SDK v3 send: bare vs protected (DynamoDB GetItem, per send, medians of ABBA rounds)',
        columns: [
          'transport',
          'bare CPU',
          'protected CPU',
          'added CPU',
          'bare wall',
          'protected wall',
          'added wall',
        ],
        rows: rows.map(([name, r]) => [
          name,
          us(r.bareCpuUs),
          us(r.protectedCpuUs),
          us(r.addedCpuUs),
          us(r.bareWallUs),
          us(r.protectedWallUs),
          us(r.addedWallUs),
        ]),
        notes: [
          `Goal: < 5 % CPU added to a loopback send: ${addedPct < 5 ? 'met' : 'NOT met'} (${addedPct.toFixed(1)} %).`,
          "CPU is this process (client and server); the in-memory row has no socket, so it isolates what the middleware, the chain and the attempt scope add. Wall times carry the shared machine's noise.",
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
