// A serverless.ts whose functions come from a factory (`worker: worker(config)`): the definition the
// configuration computes may hold a queue's `sqs` event, so its queues are judged at a Lambda consumer's
// maxReceiveCount limit (polledQueueNames.ts serverlessPolledIds), not the stricter one for other readers.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../scan.js';

const root = join(import.meta.dirname, '../../../fixtures/corpus/serverless-ts-factory-functions');

describe('iac-missing-dlq maxReceiveCount behind computed function definitions', () => {
  it('reads an unread definition as a possible Lambda consumer, and a written-out configuration as it is', async () => {
    // Act
    const result = await scan({ root, workers: 0 });

    // Assess: the same queue at maxReceiveCount 10 passes behind the factory and is reported where every
    // function is written out and none polls it.
    const found = result.findings
      .filter((f) => f.rule === 'iac-missing-dlq')
      .map((f) => `${f.file}:${f.line} ${f.message}`);
    expect(found).toEqual([
      'readable/serverless.ts:14 queue JobQueue maxReceiveCount 10 > 5: poison messages churn 10 times before the DLQ',
    ]);
  });
});
