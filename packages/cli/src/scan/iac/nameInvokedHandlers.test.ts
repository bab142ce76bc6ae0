// A function code invokes by its deployed name, through a project helper that looks the name up in a table
// by its key and takes InvocationType from its caller: the call-site literals decide which function is
// invoked and how, so which one owes an on-failure target, whose answer nobody reads, and whether the
// helper's own send reads an answer that may carry FunctionError.
import { describe, expect, it } from 'vitest';
import { scan } from '../scan.js';
import { tempTrees } from '../testing/tempTrees.js';
import { samNamedHandlers, serverlessNamedHandlers } from './nameInvokedHandlers.js';

const tree = tempTrees('bulwark-named-');

const SERVERLESS = `service: prices
provider:
  name: aws
  runtime: nodejs20.x
functions:
  scheduled:
    handler: src/scheduled.handler
    events:
      - schedule: rate(1 hour)
  updatePrices:
    handler: src/update.handler
`;
const HELPER = (typeParam: string) => `import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
const client = new LambdaClient({ requestHandler: new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 3000 }) });
const names = { updatePrices: \`prices-\${process.env.STAGE}-updatePrices\` };
export async function invokeLambda(key: 'updatePrices', event: unknown, ${typeParam}) {
  const { Payload } = await client.send(new InvokeCommand({ FunctionName: names[key], Payload: JSON.stringify(event), InvocationType: invocationType }));
  return Buffer.from(Payload ?? '').toString();
}
`;
const SCHEDULED = (call: string) => `import { invokeLambda } from './lambda';
export const handler = async () => {
  await ${call};
};
`;
const UPDATE = `import type { APIGatewayProxyHandler } from 'aws-lambda';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
const s3 = new S3Client({ requestHandler: new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 3000 }) });
const serverError = (message: string) => ({ statusCode: 500, body: message });
export const handler: APIGatewayProxyHandler = async () => {
  try {
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: '{}' }));
    return { statusCode: 200, body: '' };
  } catch (e) {
    return serverError(String(e));
  }
};
`;

/** `rule file:line` of the findings the invocation decides (the clients' timeouts are another question). */
async function findings(call: string, typeParam = 'invocationType?: string'): Promise<string[]> {
  const root = tree({
    'serverless.yml': SERVERLESS,
    'src/lambda.ts': HELPER(typeParam),
    'src/scheduled.ts': SCHEDULED(call),
    'src/update.ts': UPDATE,
  });
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'iac-missing-dlq' || f.rule === 'swallowed-error')
    .map((f) => `${f.rule} ${f.file}:${f.line}`)
    .sort();
}

describe('a function invoked by the name a tabled helper looks up', () => {
  it("owes an on-failure target, and answers nobody, when the caller picks it with 'Event'", async () => {
    // Act
    const found = await findings("invokeLambda('updatePrices', {}, 'Event')");

    // Assess
    expect(found).toEqual(['iac-missing-dlq serverless.yml:10', 'swallowed-error src/update.ts:10']);
  });

  it("is answering its invoker when the caller gives no type: the helper's send reads no FunctionError", async () => {
    // Act
    const found = await findings("invokeLambda('updatePrices', {})");

    // Assess
    expect(found).toEqual(['swallowed-error src/lambda.ts:6']);
  });

  it("leaves the helper's send alone when its type defaults to 'Event'", async () => {
    // Act
    const found = await findings("invokeLambda('updatePrices', {})", "invocationType = 'Event'");

    // Assess
    expect(found).not.toContain('swallowed-error src/lambda.ts:6');
  });
});

const PRICES = `export async function loadPrices(): Promise<unknown> {
  const res = await fetch('https://prices.example.com/v1/latest', { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}
`;
const JOB = `import type { APIGatewayProxyHandler } from 'aws-lambda';
import { loadPrices } from './prices';
export const handler: APIGatewayProxyHandler = async () => {
  const prices = await loadPrices();
  return { statusCode: 200, body: JSON.stringify(prices) };
};
`;

/** Whether no-retry is reported at the shared module's GET, reached only by the invoked handler. */
async function sharedGetReported(call: string): Promise<boolean> {
  const root = tree({
    'serverless.yml': SERVERLESS,
    'src/lambda.ts': HELPER('invocationType?: string'),
    'src/scheduled.ts': SCHEDULED(call),
    'src/update.ts': JOB,
    'src/prices.ts': PRICES,
  });
  const result = await scan({ root, workers: 0 });
  return result.findings.some((f) => f.rule === 'no-retry' && f.file === 'src/prices.ts');
}

describe('a job typed as an API handler', () => {
  it("is a job, whose next run is the retry, when code invokes it by name with 'Event'", async () => {
    expect(await sharedGetReported("invokeLambda('updatePrices', {}, 'Event')")).toBe(false);
  });

  it('answers its invoker when invoked with no type: its GET is judged as a request answering someone', async () => {
    expect(await sharedGetReported("invokeLambda('updatePrices', {})")).toBe(true);
  });
});

describe('the handlers a template lets code invoke by name', () => {
  it('lists serverless.yml functions with no events under their deployed names', () => {
    expect(
      serverlessNamedHandlers({
        service: 'prices',
        functions: {
          updatePrices: { handler: 'src/update.handler' },
          scheduled: { handler: 'src/scheduled.handler', events: [{ schedule: 'rate(1 hour)' }] },
        },
      }),
    ).toEqual([[['prices-*-updatePrices'], 'src/update.handler']]);
  });

  it('lists SAM functions that spell their FunctionName', () => {
    expect(
      samNamedHandlers({
        Resources: {
          Named: {
            Type: 'AWS::Serverless::Function',
            Properties: { CodeUri: 'src/', Handler: 'cancel.handler', FunctionName: 'orders_cancelled' },
          },
          Unnamed: {
            Type: 'AWS::Serverless::Function',
            Properties: { CodeUri: 'src/', Handler: 'other.handler' },
          },
        },
      }),
    ).toEqual([[['orders_cancelled'], 'src/cancel.handler']]);
  });
});
