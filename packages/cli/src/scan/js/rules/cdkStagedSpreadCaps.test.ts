// A CDK consumer's props spread a choice between object literals (`...(props.memorySize ? { memorySize } :
// {})`): both branches' keys are read, so a spread that cannot reserve concurrency earns no benefit of the
// doubt; only an opaque spread (a call's result) still may hold the cap.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

/** The concurrency findings of an app whose consumer function's props end with `spread`. */
async function concurrencyFindings(spread: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-staged-'));
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
import { Construct } from 'constructs';
import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
const extraProps = () => JSON.parse(process.env.EXTRA_PROPS ?? '{}');
export interface ConsumerProps { readonly queue: IQueue; readonly memorySize?: number; readonly prod?: boolean }
export class Consumer extends Construct {
  constructor(scope: Construct, id: string, props: ConsumerProps) {
    super(scope, id);
    const fn = new NodejsFunction(this, 'Worker', {
      entry: join(__dirname, '../lambdas/worker.ts'),
      timeout: Duration.seconds(10),
      ${spread}
    });
    fn.addEventSource(new SqsEventSource(props.queue));
  }
}`,
  );
  const result = await scan({ root: dir, workers: 0 });
  return result.findings.filter((f) => f.rule === 'iac-no-reserved-concurrency').map((f) => f.file);
}

describe('spreads of a choice between literals in CDK function props', () => {
  it.each([
    ['a memory size given only when set', '...(props.memorySize ? { memorySize: props.memorySize } : {}),'],
    ['a production-only memory size', '...(props.prod && { memorySize: 2048 }),'],
  ])('reported: %s', async (_, spread) => {
    expect(await concurrencyFindings(spread)).toEqual(['lib/stack.ts']);
  });

  it.each([
    ['a production-only cap', '...(props.prod ? { reservedConcurrentExecutions: 5 } : {}),'],
    ["a call's result, which may hold the cap", '...extraProps(),'],
  ])('not reported: %s', async (_, spread) => {
    expect(await concurrencyFindings(spread)).toEqual([]);
  });
});
