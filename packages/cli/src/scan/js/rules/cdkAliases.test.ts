// An event source added to a function's alias or version feeds the function: its batch size settles the
// handler's batch finding, and the function's reserved concurrency caps it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

/** The rules found in an app whose stack adds the queue's event source as `addSource` says. */
async function rulesFound(addSource: string, reserved: boolean): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-alias-'));
  mkdirSync(join(dir, 'lib'));
  mkdirSync(join(dir, 'lambdas'));
  writeFileSync(join(dir, 'cdk.json'), '{ "app": "npx ts-node lib/stack.ts" }');
  writeFileSync(
    join(dir, 'lambdas', 'worker.ts'),
    `import type { SQSEvent } from 'aws-lambda';
import { save } from './store';
export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) await save(JSON.parse(record.body));
};`,
  );
  writeFileSync(
    join(dir, 'lib', 'stack.ts'),
    `import { join } from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import { Alias, Version } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
export class WorkerStack extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    const dlq = new Queue(this, 'Dlq');
    const queue = new Queue(this, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const fn = new NodejsFunction(this, 'Worker', {
      entry: join(__dirname, '../lambdas/worker.ts'),
      timeout: Duration.seconds(10),
      ${reserved ? 'reservedConcurrentExecutions: 2,' : ''}
    });
    ${addSource}
  }
}`,
  );
  const result = await scan({ root: dir, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'batch-no-partial-failure' || f.rule === 'iac-no-reserved-concurrency')
    .map((f) => `${f.file}:${f.rule}`);
}

describe('event sources added to an alias or version', () => {
  it.each([
    [
      'an alias of the current version',
      `const live = new Alias(this, 'Live', { aliasName: 'live', version: fn.currentVersion });
    live.addEventSource(new SqsEventSource(queue, { batchSize: 1 }));`,
    ],
    [
      'an alias the function adds',
      `fn.addAlias('live').addEventSource(new SqsEventSource(queue, { batchSize: 1 }));`,
    ],
    [
      'a version',
      `new Version(this, 'V1', { lambda: fn }).addEventSource(new SqsEventSource(queue, { batchSize: 1 }));`,
    ],
  ])(
    'reads the one-record batch and the reserved concurrency of the function through %s',
    async (_case, add) => {
      // Act
      const found = await rulesFound(add, true);

      // Assess: one record a call, and the function caps itself.
      expect(found).toEqual([]);
    },
  );

  it('still reports a many-record batch fed through an alias, at the handler', async () => {
    // Act
    const found = await rulesFound(
      `fn.addAlias('live').addEventSource(new SqsEventSource(queue, { batchSize: 10 }));`,
      false,
    );

    // Assess
    expect(found.sort()).toEqual([
      'lambdas/worker.ts:batch-no-partial-failure',
      'lib/stack.ts:iac-no-reserved-concurrency',
    ]);
  });
});
