// The pre-parse gate may only ever skip modules where no rule reports: checked on every code file of the
// regression corpus, the examples and the docs snippets, and on the shapes the gate's words stand for.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../scan.js';
import { analyzeModule } from './analyzeModule.js';
import { mayReport } from './ruleGate.js';

const repo = join(import.meta.dirname, '../../../../..');
const CODE = /\.(?:[cm]?[jt]sx?)$/;

function codeFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) codeFiles(path, out);
    else if (CODE.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) out.push(path);
  }
  return out;
}

describe('mayReport', () => {
  it.each([
    ['a handler by name', 'export const handler = async (event) => { await save(event); };'],
    ['a typed handler', 'export const run = async (e: SQSEvent) => {};'],
    ['a handler typed Handler', 'export const run: Handler = async () => {};'],
    ['an empty catch', 'try { x(); } catch { }'],
    ['a catch around awaited work', 'try { await x(); } catch (e) { log(e); }'],
    ['a promise catch', 'p.catch(() => null);'],
    ['a catch near a 401', 'try { v(t); } catch { return { statusCode: 401 }; }'],
    ['a handler built by sqsHandler', 'export const consume = sqsHandler(async (record) => {});'],
    ['a handler after a comma', 'export const a = 1, handler = async (event) => {};'],
    ['a CommonJS handler', 'exports.handler = async (event, context) => {};'],
    ['a v3 client', "import { S3Client } from '@aws-sdk/client-s3'; new S3Client({});"],
    ['a v2 client', "const AWS = require('aws-sdk'); const s3 = new AWS.S3();"],
    [
      'a v2 client taken apart from a default import',
      "import pkg from 'aws-sdk';\nconst { S3, Endpoint } = pkg;\nexport const read = () => new S3({ region: 'x' });",
    ],
    [
      'a v2 client renamed out of a default import',
      "import aws from 'aws-sdk';\nconst { S3: Store } = aws;\nexport const read = () => new Store({ region: 'x' });",
    ],
    ['a renamed v3 client', "import { S3Client as Store } from '@aws-sdk/client-s3'; new Store({});"],
    ['a v3 namespace', "import * as sqs from '@aws-sdk/client-sqs'; new sqs.SQSClient({});"],
    ['an SDK import in a form not read', "export * from '@aws-sdk/client-s3';"],
    ['a batch command', 'await client.send(new SendMessageBatchCommand(input));'],
    ['a v2 batch request on a client passed in', 'await this.ddb.batchWrite(params).promise();'],
    [
      'a batch failure field read',
      "if (result.UnprocessedItems) console.warn('left', result.UnprocessedItems);",
    ],
    ['node:https', "import https from 'node:https'; https.get(url);"],
    ['https required with spaces', "const https = require( 'https' ); https.get(url);"],
    [
      'an SDK client imported over several lines',
      "import {\n  S3Client,\n} from\n  '@aws-sdk/client-s3';\nnew S3Client({});",
    ],
    ['fetch', 'await fetch(url);'],
    ['request-promise', "const rp = require('request-promise'); export const get = (u) => rp(u);"],
    ['needle', "import needle from 'needle'; export const get = (u) => needle('get', u);"],
    ['a SendGrid client', "import sgMail from '@sendgrid/mail'; export const send = (m) => sgMail.send(m);"],
    [
      'a SOAP client',
      "import * as soap from 'soap'; export const client = () => soap.createClientAsync(url);",
    ],
    ['an injected fetch', 'export const price = (get: typeof fetch) => get(url);'],
    ['a fetch option', 'export const price = async ({ fetchImpl }) => fetchImpl(url);'],
    ['a re-export', "export { a as b } from './a';"],
    [
      'a random key outside any handler',
      'export const send = (q) => q.push({ ClientToken: crypto.randomUUID() });',
    ],
    [
      'a random reference in a module with no handler',
      'export const batch = (items) => ({ messageBatchReference: randomUUID(), items });',
    ],
    [
      'a random key of a keyed write',
      "export const keep = (gw, body) => gw.upload('in/' + randomUUID() + '.json', body);",
    ],
    [
      'a 401 on an imported helper',
      "import { ok } from './auth.js'; export function gate(req, res) { if (!ok(req)) res.status(401).end(); }",
    ],
    ['a CDK queue', "import * as sqs from 'aws-cdk-lib/aws-sqs'; new sqs.Queue(this, 'Q');"],
    [
      'a CDK idempotency table',
      "import * as ddb from 'aws-cdk-lib/aws-dynamodb'; new ddb.TableV2(this, 'IdempotencyTable', {});",
    ],
    ['an SST v3 subscriber of batch size 1', "queue.subscribe('src/sub.handler', { batch: { size: 1 } });"],
    [
      'an SST v2 consumer of batch size 1',
      "new Queue(stack, 'Q', { consumer: { function: 'src/c.main', cdk: { eventSource: { batchSize: 1 } } } });",
    ],
    [
      "a CDK function's own mapping",
      "import * as lambda from 'aws-cdk-lib/aws-lambda'; fn.addEventSourceMapping('M', { batchSize: 1 });",
    ],
  ])('analyses a module with %s', (_name, source) => {
    expect(mayReport(source)).toBe(true);
  });

  it.each([
    [
      'an options helper',
      "export function getOptions() { return { region: process.env.AWS_REGION, customUserAgent: 'x' }; }",
    ],
    ['an async helper', 'export async function save(item) { return db.put(item); }'],
    ['CDK props', "import * as cdk from 'aws-cdk-lib'; export interface Props { handler: string }"],
    [
      'SDK types and errors',
      "import { Tag, NotFoundException } from '@aws-sdk/client-s3'; throw new NotFoundException({});",
    ],
    ['an SDK mock', "vi.mock('aws-sdk', () => ({})); export const x = 1;"],
    ['a project helper named like a retry', 'export const result = throttlingBackOff(() => work());'],
    ['a synchronous catch that rethrows', 'try { parse(x); } catch (e) { throw new ConfigError(e); }'],
    ['a module named like http but not it', "import x from 'https-proxy-agent'; export default x;"],
    ['an https protocol string', "export const listener = { protocol: 'https', port: 443 };"],
    ['a request event name', "export const listen = (server, fn) => server.on('request', fn);"],
    ['a CDK prop named handler', "new lambda.Function(this, 'F', { runtime, handler: 'index.handler' });"],
    [
      'an IAM enum named DENY',
      "import * as iam from 'aws-cdk-lib/aws-iam'; export const effect = iam.Effect.DENY;",
    ],
    ['Context in a doc comment', '/** ### Usage Context */ export interface Config { name: string }'],
  ])('defers a module with only %s', (_name, source) => {
    expect(mayReport(source)).toBe(false);
  });

  it('never hides a candidate in the regression corpus, the examples or the docs snippets', () => {
    // Prepare
    const files = [
      ...codeFiles(join(repo, 'packages/cli/fixtures/corpus')),
      ...codeFiles(join(repo, 'examples')),
    ];
    const hidden: string[] = [];
    let deferred = 0;

    // Act
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      if (mayReport(source)) continue;
      deferred++;
      const whole = analyzeModule(file, source, true);
      // A construct built from an imported SqsEventSource wrapper is settled by the project pass. Every
      // construction of an imported class is a candidate until the project pass finds the class's timeout
      // argument (rules/httpClientClasses.ts): it is judged only where the gate admits the module. A
      // construct built from an imported self-consuming class is settled like a wrapper (cdkSelfConsumers.ts).
      for (const c of whole.candidates)
        if (
          c.onlyIfWrapperUnsafe === undefined &&
          c.onlyIfWrapperUncapped === undefined &&
          c.onlyIfImportHttpTimeoutArg === undefined
        )
          hidden.push(`${file}:${c.line} ${c.rule}`);
    }

    // Assess
    expect(deferred).toBeGreaterThan(10);
    expect(hidden).toEqual([]);
  });

  it('answers an importer from a deferred module: its async export makes an unawaited call a finding', async () => {
    // Prepare: store.ts has no word any rule looks for, so it is deferred until handler.ts asks.
    const root = join(repo, 'packages/cli/fixtures/corpus/lambda/deferredImport');

    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      'handler.ts:5 floating-promise',
    ]);
  });

  it("analyses a deferred module that calls a project's batch wrapper: its dropped answer is a finding", async () => {
    // Prepare: ledger.ts has no word any rule looks for; streams.js exports putRecordBatch, which hands
    // back Firehose's answer unread, so the project pass looks at every module whose text calls it.
    const root = join(repo, 'packages/cli/fixtures/corpus/errors/batchWrappers');

    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    expect(mayReport(readFileSync(join(root, 'ledger.ts'), 'utf8'))).toBe(false);
    expect(
      result.findings.filter((f) => f.file === 'ledger.ts').map((f) => `${f.file}:${f.line} ${f.rule}`),
    ).toEqual(['ledger.ts:6 swallowed-error']);
  });

  it('admits helpers that send a v2 batch on a client passed in: their dropped answers are findings', async () => {
    // Prepare: no handler, no catch, no client built in these modules. Deferred, their findings were lost
    // on Node >= 22 and reported on Node 20, where the gate was off: the same scan, two answers.
    const root = join(repo, 'packages/cli/fixtures/corpus/errors/v2BatchHelpers');

    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    for (const file of ['taskRepository.ts', 'ledger.ts'])
      expect(mayReport(readFileSync(join(root, file), 'utf8')), file).toBe(true);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      'ledger.ts:8 swallowed-error',
      'taskRepository.ts:22 swallowed-error',
      'taskRepository.ts:43 swallowed-error',
    ]);
  });
});
