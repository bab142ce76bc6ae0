// A batch handler that deletes records itself settles only the records it deleted: deleting the first
// record's receipt handle after reading only that record leaves the rest of the batch to be dropped.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

/** The files and lines batch-no-partial-failure lands on for `handler.js`, wired to SQS batches of `batchSize`. */
async function batchFindings(handler: string, batchSize = 10): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-own-deletes-'));
  writeFileSync(
    join(dir, 'serverless.yml'),
    `service: audit
provider:
  name: aws
  runtime: nodejs20.x
functions:
  consumer:
    handler: handler.main
    reservedConcurrency: 2
    events:
      - sqs:
          arn: arn:aws:sqs:eu-west-1:1:audit
          batchSize: ${batchSize}
`,
  );
  writeFileSync(
    join(dir, 'handler.js'),
    `const { SQSClient, DeleteMessageCommand, DeleteMessageBatchCommand } = require('@aws-sdk/client-sqs');
const { save } = require('./store');
const sqs = new SQSClient({ requestHandler: { requestTimeout: 3000, throwOnRequestTimeout: true } });
${handler}
`,
  );
  writeFileSync(
    join(dir, 'store.js'),
    'exports.save = async (x) => fetch(process.env.URL, { method: "POST", body: x, signal: AbortSignal.timeout(1000) });\n',
  );
  const result = await scan({ root: dir, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'batch-no-partial-failure')
    .map((f) => `${f.file}:${f.line}`);
}

/** A handler that reads `Records[0]` alone and deletes that message by its receipt handle. */
const FIRST_RECORD_DELETES = `export const main = async (event) => {
  try {
    await save(JSON.parse(event.Records[0].body));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: process.env.Q, ReceiptHandle: event.Records[0].receiptHandle }));
  } catch (error) {
    throw error;
  }
};`;

describe('a batch handler that deletes its own records', () => {
  it('is reported when it reads and deletes only the first record', async () => {
    // Act
    const found = await batchFindings(FIRST_RECORD_DELETES);

    // Assess: at the handler, where the other records are dropped, not at the event source.
    expect(found).toEqual(['handler.js:4']);
  });

  it('is not reported when it reads and deletes only the first record of batches of one', async () => {
    // Act
    const found = await batchFindings(FIRST_RECORD_DELETES, 1);

    // Assess: the one record is the whole batch.
    expect(found).toEqual([]);
  });

  it('is not reported when it deletes every record that succeeded and throws for the rest', async () => {
    // Act
    const found = await batchFindings(`export const main = async (event) => {
  const done = [];
  let failed = 0;
  for (const record of event.Records) {
    try {
      await save(record.body);
      done.push({ Id: record.messageId, ReceiptHandle: record.receiptHandle });
    } catch (error) {
      failed++;
      console.error(error);
    }
  }
  if (failed === 0) return;
  await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: process.env.Q, Entries: done }));
  throw new Error('some records failed');
};`);

    // Assess: not the handler; the event source keeps its own finding (only its setting is missing).
    expect(found).toEqual(['serverless.yml:10']);
  });
});
