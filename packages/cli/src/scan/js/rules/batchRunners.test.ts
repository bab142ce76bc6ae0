// batch-no-partial-failure and the functions that take a batch event without being Lambda's entry: a runner
// handed its work that returns the failed items for its caller to answer, and a converter that answers
// through Promise.resolve (batchTransforms.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

const root = join(import.meta.dirname, '../../../../fixtures/corpus/batch-runner-answers');

describe('batch-no-partial-failure on runners and converters', () => {
  it('reports the entries that lose failed records, not the runner or converter their callers answer for', async () => {
    // Act
    const result = await scan({ root, workers: 0 });

    // Assess: runBatch returns its failed items to worker.ts, which answers them; convertFrom only converts.
    // The near misses stay: an entry returning the bare list (Lambda reads only batchItemFailures) and a
    // runner handed work that keeps its failures to itself, or answers a count, or the failed items under
    // another key than batchItemFailures.
    const found = result.findings
      .filter((f) => f.rule === 'batch-no-partial-failure')
      .map((f) => `${f.file}:${f.line}`)
      .sort();
    expect(found).toEqual(['listOnly.ts:6', 'runBatch.ts:21', 'runBatch.ts:32', 'runBatch.ts:46']);
  });
});
