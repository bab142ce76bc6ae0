// One finding per batch consumer: a template event source and its handler's code that both lack partial
// batch responses are reported once, at the code, naming the template; a handler that answers
// batchItemFailures behind an event that does not ask for them leaves the finding on the template.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const root = join(import.meta.dirname, '../../fixtures/corpus/sam-batch-twins');

describe('batch-no-partial-failure seen in code and template', () => {
  it('reports the consumer once, at its handler, and names the template', async () => {
    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    const found = result.findings
      .filter((f) => f.rule === 'batch-no-partial-failure')
      .map((f) => ({ at: `${f.file}:${f.line}`, message: f.message }))
      .sort((a, b) => a.at.localeCompare(b.at));
    expect(found).toEqual([
      {
        at: 'src/orders.ts:4',
        message: expect.stringMatching(
          /its event source in template\.yaml has no ReportBatchItemFailures either$/,
        ),
      },
      { at: 'template.yaml:56', message: expect.stringContaining('RefundsFunction') },
    ]);
  });
});

describe('batch-no-partial-failure merged into a handler that drops records itself', () => {
  it('names the merged source without pointing at ReportBatchItemFailures', async () => {
    // Act
    const result = await scan({
      root: join(import.meta.dirname, '../../fixtures/corpus/batch-loop-returns'),
      workers: 0,
    });

    // Assess: a loop return and a Records[0] read are fixed in the code or by BatchSize: 1 (r45 batch review).
    const messages = result.findings
      .filter((f) => f.file === 'service/notifyOnUpload.mjs' || f.file === 'service/forwardMessage.mjs')
      .filter((f) => f.rule === 'batch-no-partial-failure')
      .map((f) => f.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message).toMatch(
        /its event source in serverless\.yml is merged here \(no setting there but BatchSize: 1 brings these records back\): continue instead of return, or return after the loop; or BatchSize: 1$/,
      );
      expect(message).not.toMatch(/ReportBatchItemFailures/);
    }
  });
});

describe('batch-no-partial-failure of a stream source that neither reports nor bisects', () => {
  it('merges the source into its handler, or the shared body it hands the batch to, when that code is reported', async () => {
    // Act
    const result = await scan({
      root: join(import.meta.dirname, '../../fixtures/corpus/sls-stream-merge'),
      workers: 0,
    });

    // Assess: one finding per consumer, at its code (where readers put the fix), naming the source.
    const found = result.findings
      .filter((f) => f.rule === 'batch-no-partial-failure')
      .map((f) => ({ at: `${f.file}:${f.line}`, message: f.message }))
      .sort((a, b) => a.at.localeCompare(b.at));
    expect(found).toEqual([
      {
        at: 'src/shared/streamToTopic.js:6',
        message: expect.stringContaining('the batch loop of 2 handlers'),
      },
      // Wired by a bisecting stream too: the non-bisecting one merged here, so the finding stays (r48 review).
      { at: 'src/streams/auditFanout.js:6', message: expect.stringContaining('does not bisect') },
      {
        at: 'src/streams/milestoneRelay.js:6',
        message: expect.stringMatching(
          /its event source in serverless\.yml has no ReportBatchItemFailures either, and the stream source in serverless\.yml does not bisect on a function error \(that alone isolates a poison record, with no change to the code\)$/,
        ),
      },
    ]);
  });
});
