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
