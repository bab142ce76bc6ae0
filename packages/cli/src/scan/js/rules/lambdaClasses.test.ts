// Real-code classes of the Lambda rules that a label cannot show: the message a finding gives.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

async function messages(source: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-lambda-'));
  writeFileSync(join(dir, 'consumer.ts'), source);
  const result = await scan({ root: dir, workers: 0 });
  return result.findings.filter((f) => f.rule === 'batch-no-partial-failure').map((f) => f.message);
}

describe('batch-no-partial-failure on real code', () => {
  it('does not say failed records are deleted when the only catch skips a record that does not decode', async () => {
    // Act
    const found = await messages(`
import type { SQSEvent } from 'aws-lambda';
import { save } from './store.js';
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    let order;
    try {
      order = JSON.parse(Buffer.from(record.body, 'base64').toString('utf8'));
    } catch {
      console.warn('skipping a record that is not JSON');
      continue;
    }
    await save(order);
  }
};`);

    // Assess: a save that throws still fails the whole batch; nothing is deleted by the catch.
    expect(found).toEqual([
      'batch handler has no batchItemFailures: one failed record makes the whole batch redeliver',
    ]);
  });

  it('still says so when the catch is around the work itself', async () => {
    // Act
    const found = await messages(`
import type { SQSEvent } from 'aws-lambda';
import { save } from './store.js';
export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    try {
      await save(JSON.parse(record.body));
    } catch (error) {
      console.error('save failed', error);
    }
  }
};`);

    // Assess
    expect(found).toEqual([
      'batch handler catches record failures but returns no batchItemFailures: failed records are deleted',
    ]);
  });

  it.each([
    [
      'throw failed.reason',
      'const failed = results.find((r) => r.status === "rejected");\n  if (failed) throw failed.reason;',
    ],
    [
      'throw results.find(...).reason',
      'if (results.some((r) => r.status === "rejected")) throw results.find((r) => r.status === "rejected").reason;',
    ],
  ])('says the whole batch redelivers when allSettled rejections are rethrown (%s)', async (_, rethrow) => {
    // Act: nothing is deleted, the first rejection fails the batch (r44 review of batchplace).
    const found = await messages(`
import type { SQSEvent } from 'aws-lambda';
import { save } from './store.js';
export const handler = async (event: SQSEvent) => {
  const results = await Promise.allSettled(event.Records.map(async (r) => save(JSON.parse(r.body))));
  ${rethrow}
};`);

    // Assess
    expect(found).toEqual([
      'batch handler has no batchItemFailures: one failed record makes the whole batch redeliver',
    ]);
  });

  it('still says failed records are deleted when allSettled rejections are only logged', async () => {
    // Act
    const found = await messages(`
import type { SQSEvent } from 'aws-lambda';
import { save } from './store.js';
export const handler = async (event: SQSEvent) => {
  const results = await Promise.allSettled(event.Records.map(async (r) => save(JSON.parse(r.body))));
  for (const r of results) if (r.status === 'rejected') console.error('failed', r.reason);
};`);

    // Assess
    expect(found).toEqual([
      'batch handler catches record failures but returns no batchItemFailures: failed records are deleted',
    ]);
  });
});
