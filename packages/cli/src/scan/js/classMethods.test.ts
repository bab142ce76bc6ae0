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

  it('leaves an instance handed to a factory that builds no handler', async () => {
    // Act
    const found = await swallowedLines(`import { createCache } from './lambda';
class Store {
  async flush() {
${SEND_OR_LOG}
  }
}
export const cache = createCache(new Store());`);

    // Assess: nothing says Lambda runs the store's flush.
    expect(found).toEqual([]);
  });
});
