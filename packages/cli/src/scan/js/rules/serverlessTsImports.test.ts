// A serverless.ts provider.timeout inherited by function definitions imported from their own modules: the
// API limit each definition sits behind decides, and a definition the scan cannot read in full does not count.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

async function gatewayLines(providerTimeout: number, definition: string): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-sls-ts-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'serverless.ts'),
    `import { orders } from './src/orders';
const serverlessConfiguration = {
  service: 'orders',
  provider: { name: 'aws', runtime: 'nodejs20.x',
    timeout: ${providerTimeout} },
  functions: { orders },
};
module.exports = serverlessConfiguration;
`,
  );
  writeFileSync(
    join(dir, 'src', 'orders.ts'),
    `const base = { memorySize: 256 };\nexport const orders = ${definition};\n`,
  );
  writeFileSync(
    join(dir, 'src', 'ordersHandler.ts'),
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({ requestHandler: { requestTimeout: 2000, throwOnRequestTimeout: true } });
export const main = async () => ({ statusCode: 200, body: String((await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))).ETag) });
`,
  );
  const result = await scan({ root: dir, workers: 0 });
  return result.findings.filter((f) => f.rule === 'iac-gateway-timeout-exceeds-lambda').map((f) => f.line);
}

describe('serverless.ts provider.timeout inherited by imported functions', () => {
  it('reports 29 s behind a WebSocket API, which waits 29 s like a REST API', async () => {
    // Act
    const lines = await gatewayLines(
      29,
      `{ handler: 'src/ordersHandler.main', events: [{ websocket: { route: '$default' } }] }`,
    );

    // Assess: at the provider's timeout, the value the fix changes.
    expect(lines).toEqual([5]);
  });

  it('does not report 29 s behind an HTTP API, which waits 30 s', async () => {
    // Act
    const lines = await gatewayLines(
      29,
      `{ handler: 'src/ordersHandler.main', events: [{ httpApi: { method: 'get', path: '/orders' } }] }`,
    );

    // Assess
    expect(lines).toEqual([]);
  });

  it('does not count a definition whose spread may set its own timeout', async () => {
    // Act
    const lines = await gatewayLines(
      60,
      `{ ...base, handler: 'src/ordersHandler.main', events: [{ http: { method: 'get', path: 'orders' } }] }`,
    );

    // Assess
    expect(lines).toEqual([]);
  });
});

const API_EVENT = `{ http: { method: 'get', path: 'orders' } }`;

/** A serverless.ts whose `functions` value is `functionsValue`, over a barrel (`barrel`) of definition modules. */
async function namespaceGatewayLines(
  functionsValue: string,
  event: string,
  barrel = `export * from './orders';\n`,
): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-sls-ts-ns-'));
  mkdirSync(join(dir, 'src', 'router'), { recursive: true });
  writeFileSync(
    join(dir, 'serverless.ts'),
    `import * as routers from './src/router';
const getRouters = () => {
  for (const key of Object.keys(routers)) routers[key].permission = undefined;
  return routers;
};
const pickRouters = () => {
  if (process.env.ONLY_JOBS) { return {}; }
  return routers;
};
const serverlessConfiguration = {
  service: 'orders',
  provider: { name: 'aws', runtime: 'nodejs20.x',
    timeout: 900 },
  functions: ${functionsValue},
};
module.exports = serverlessConfiguration;
`,
  );
  writeFileSync(join(dir, 'src', 'router', 'index.ts'), barrel);
  writeFileSync(
    join(dir, 'src', 'router', 'orders.ts'),
    `export const listOrders = { handler: 'src/ordersHandler.main', events: [${event}] };\n`,
  );
  writeFileSync(
    join(dir, 'src', 'ordersHandler.ts'),
    `export const main = async () => ({ statusCode: 200, body: '[]' });\n`,
  );
  const result = await scan({ root: dir, workers: 0 });
  return result.findings.filter((f) => f.rule === 'iac-gateway-timeout-exceeds-lambda').map((f) => f.line);
}

describe('serverless.ts functions read from a namespace import', () => {
  it.each([
    ['a local function that returns it', 'getRouters()'],
    ['the namespace itself', 'routers'],
    ['a spread of it', '{ ...routers }'],
  ])('reports provider.timeout inherited through %s', async (_, functionsValue) => {
    // Act
    const lines = await namespaceGatewayLines(functionsValue, API_EVENT);

    // Assess: at the provider's timeout, the value the fix changes.
    expect(lines).toEqual([13]);
  });

  it('follows a named re-export of the barrel', async () => {
    // Act
    const lines = await namespaceGatewayLines(
      'routers',
      API_EVENT,
      `export { listOrders } from './orders';\n`,
    );

    // Assess
    expect(lines).toEqual([13]);
  });

  it.each([
    ['a local function with a return besides its last', 'pickRouters()', `export * from './orders';\n`],
    ['a nested namespace of the barrel', 'routers', `export * as orders from './orders';\n`],
  ])('does not read %s', async (_, functionsValue, barrel) => {
    // Act
    const lines = await namespaceGatewayLines(functionsValue, API_EVENT, barrel);

    // Assess: the value is not known to be the definitions, so nothing is inherited.
    expect(lines).toEqual([]);
  });

  it('does not report when no exported definition sits behind an API', async () => {
    // Act
    const lines = await namespaceGatewayLines('getRouters()', `{ schedule: 'rate(1 hour)' }`);

    // Assess
    expect(lines).toEqual([]);
  });
});
