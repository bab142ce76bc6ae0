// Handler entries a class, a tracer's wrapper or a flag makes: the code Lambda runs through them is judged
// as on a handler's path (swallowed-error's log-only catch is the finding that shows it).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../scan.js';

const CLIENT = `import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
const sqs = new SQSClient({ requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true }) });
`;

/** The lines of the swallowed-error findings of a module written beside a project factory. */
async function swallowedLines(source: string): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-entries-'));
  writeFileSync(
    join(dir, 'lambda.ts'),
    `export const createHandler = (lambda: { handle(e: unknown): Promise<unknown> }) => (event: unknown) => lambda.handle(event);
export const createCache = (store: { flush(): Promise<void> }) => ({ flush: () => store.flush() });
`,
  );
  writeFileSync(join(dir, 'worker.ts'), CLIENT + source);
  const result = await scan({ root: dir, workers: 0 });
  return result.findings.filter((f) => f.rule === 'swallowed-error').map((f) => f.line - 3);
}

const SEND_OR_LOG = `    try {
      await sqs.send(new SendMessageCommand({ QueueUrl: process.env.URL, MessageBody: 'x' }));
    } catch (err) {
      console.error('send failed', err);
    }`;

describe('handler entries made from a class instance, a wrapper or a flag', () => {
  it.each([
    [
      'an instance handed to a handler factory',
      `import { createHandler } from './lambda';
class Worker {
  async handle(event: { id: string }) {
${SEND_OR_LOG}
  }
}
export const handler = createHandler(new Worker());`,
      [6],
    ],
    [
      'an instance kept in a constant, its dispatcher calling the method that logs',
      `import { createHandler } from './lambda';
class Worker {
  handle(event: { id: string }) {
    return this.work(event);
  }
  protected async work(event: { id: string }) {
${SEND_OR_LOG}
  }
}
const worker = new Worker();
export const handler = createHandler(worker);`,
      [9],
    ],
    [
      'the method of an instance exported as the handler',
      `class Worker {
  async handle(event: { id: string }) {
${SEND_OR_LOG}
  }
}
export const handler = new Worker().handle;`,
      [5],
    ],
    [
      "a flag choosing between a tracer's wrapper and the bare function",
      `import { datadog } from 'datadog-lambda-js';
export const work = async (event: { id: string }) => {
${SEND_OR_LOG}
};
export const handler = process.env.TRACE === 'true' ? datadog(work) : work;`,
      [5],
    ],
  ])('judges %s as handler code', async (_case, source, lines) => {
    // Act
    const found = await swallowedLines(source);

    // Assess
    expect(found).toEqual(lines);
  });

  it('leaves a method of a handed class that nothing calls and no base class dispatches to', async () => {
    // Act
    const found = await swallowedLines(`import { createHandler } from './lambda';
class Worker {
  async handle(event: { id: string }) {
    return event.id;
  }
  async unused() {
${SEND_OR_LOG}
  }
}
export const handler = createHandler(new Worker());`);

    // Assess: only an inherited dispatcher would call \`unused\`, and Worker inherits none.
    expect(found).toEqual([]);
  });

  it('leaves an instance handed to a factory that builds no handler', async () => {
    // Act
    const found = await swallowedLines(`import { createCache } from './lambda';
class Store {
  async handle(event: { id: string }) {
${SEND_OR_LOG}
  }
}
export const cache = createCache(new Store());`);

    // Assess: a method named like an entry, but neither the factory nor the export says Lambda runs it.
    expect(found).toEqual([]);
  });
});

/** The batch findings of a module whose `handler` export a serverless.yml feeds one SQS message at a time. */
async function batchFindings(source: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-entries-batch-'));
  writeFileSync(
    join(dir, 'serverless.yml'),
    `service: s
provider: { name: aws, runtime: nodejs20.x }
functions:
  worker:
    handler: worker.handler
    reservedConcurrency: 1
    events:
      - sqs: { arn: 'arn:aws:sqs:us-east-1:1:jobs', batchSize: 1 }
`,
  );
  writeFileSync(join(dir, 'worker.ts'), source);
  const result = await scan({ root: dir, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'batch-no-partial-failure' || f.rule === 'promise-all-no-partial')
    .map((f) => `${f.rule}:${f.line}`);
}

const BATCH = `import type { SQSEvent } from 'aws-lambda';
import pg from 'pg';
const pool = new pg.Pool({ connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
`;
const DELETE_ALL = `await Promise.all(event.Records.map((r) => pool.query(\`DELETE FROM jobs WHERE id = '\${r.body}'\`)));`;

describe('the export a class or a flag makes is the one the template names', () => {
  it.each([
    [
      'a flag choosing the function',
      `const work = async (event: SQSEvent) => {
  ${DELETE_ALL}
};
export const handler = process.env.TRACE === 'true' ? (work as typeof work) : work;`,
    ],
    [
      'the method of an instance',
      `class Worker {
  async handle(event: SQSEvent) {
    ${DELETE_ALL}
  }
}
export const handler = new Worker().handle;`,
    ],
  ])('settles the batch findings of %s with the batch size of 1', async (_case, body) => {
    // Act
    const found = await batchFindings(BATCH + body);

    // Assess: one message a call, so no batch to fail part of.
    expect(found).toEqual([]);
  });

  it('walks a chain of flag-chosen constants once per constant', async () => {
    // Prepare: each constant names the one before in both branches, 2^26 paths if walked as a tree.
    const chain = Array.from({ length: 26 }, (_, i) => `const t${i + 1} = process.env.F ? t${i} : t${i};`);
    const source = `${BATCH}const t0 = async (event: SQSEvent) => {
  ${DELETE_ALL}
};
${chain.join('\n')}
export const handler = t26;`;

    // Act
    const found = await batchFindings(source);

    // Assess
    expect(found).toEqual([]);
  });

  it('still reports the batch when the template names another export', async () => {
    // Act
    const found = await batchFindings(
      `${BATCH}class Worker {
  async handle(event: SQSEvent) {
    ${DELETE_ALL}
  }
}
export const main = new Worker().handle;
export const handler = async () => undefined;`,
    );

    // Assess
    expect(found.sort()).toEqual(['batch-no-partial-failure:5', 'promise-all-no-partial:6']);
  });
});
