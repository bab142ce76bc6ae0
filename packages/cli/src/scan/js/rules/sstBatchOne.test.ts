// SST v2 queue consumers whose function is built in place, `new Function(stack, id, { handler })`: a
// consumer polled one message at a time clears its handler's batch-no-partial-failure, a batch of ten
// does not.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

const HANDLER = `import type { SQSEvent } from 'aws-lambda';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({ requestHandler: { requestTimeout: 2000, throwOnRequestTimeout: true } });
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    await db.send(new PutItemCommand({ TableName: 't', Item: { id: { S: record.messageId } } }));
  }
};
`;

/** Whether the handler is reported when its consumer is `consumer` (the queue is `jobs`). */
async function handlerReported(consumer: string): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-sst-new-function-'));
  mkdirSync(join(dir, 'stacks'));
  mkdirSync(join(dir, 'src', 'migrations'), { recursive: true });
  writeFileSync(join(dir, 'src', 'migrations', 'issue.ts'), HANDLER);
  writeFileSync(
    join(dir, 'stacks', 'Migrate.ts'),
    `import { Function, Queue, type StackContext } from 'sst/constructs';
import { Duration } from 'aws-cdk-lib';

export function Migrate({ stack }: StackContext) {
  const jobs = new Queue(stack, 'qIssueMigrate', {
    cdk: { queue: { deadLetterQueue: { queue: new Queue(stack, 'dlq').cdk.queue, maxReceiveCount: 3 } } },
  });
  jobs.addConsumer(stack, ${consumer});
  return { jobs };
}
`,
  );
  const result = await scan({ root: dir, workers: 0 });
  return result.findings.some(
    (f) => f.rule === 'batch-no-partial-failure' && f.file === 'src/migrations/issue.ts',
  );
}

const built = (batchSize: number) => `{
    function: new Function(stack, 'fnIssueMigrate', {
      handler: 'src/migrations/issue.handler',
      timeout: Duration.seconds(300),
    }),
    cdk: { eventSource: { batchSize: ${batchSize} } },
  }`;

describe('SST v2 consumers built with new Function', () => {
  it('clears the handler of a consumer polled one message at a time', async () => {
    expect(await handlerReported(built(1))).toBe(false);
  });

  it('keeps the handler of a consumer polled ten at a time', async () => {
    expect(await handlerReported(built(10))).toBe(true);
  });
});
