// Thin batch handlers that await one worker of another module and drop its answer: the one finding is the
// worker's, naming the event sources of the handlers it serves; a handler with a loop of its own keeps its own.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const corpus = join(import.meta.dirname, '../../fixtures/corpus');

/** The batch findings of a corpus folder, by `file:line`, with their messages. */
async function batchFindings(folder: string): Promise<{ at: string; message: string }[]> {
  const result = await scan({ root: join(corpus, folder), workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'batch-no-partial-failure')
    .map((f) => ({ at: `${f.file}:${f.line}`, message: f.message }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

describe('batch-no-partial-failure of thin handlers handing their batch to one worker', () => {
  it('reports the worker once, naming the handlers’ event sources, and no thin handler or template', async () => {
    // Act
    const found = await batchFindings('batch-worker-handoff');

    // Assess
    expect(found).toEqual([
      { at: 'src/audit.ts:6', message: expect.stringContaining('serverless.yml') },
      {
        at: 'src/handler/eventHandler.ts:4',
        message: expect.stringMatching(
          /its event source in serverless\.yml has no ReportBatchItemFailures either/,
        ),
      },
    ]);
  });

  it('defers a typed SQS handler to the processor it awaits, whose finding names the template', async () => {
    // Act
    const found = await batchFindings('sam-batch-delegates');

    // Assess
    const at = found.map((f) => f.at);
    expect(at).not.toContain('src/bulkOrderHandler.ts:5');
    expect(at).not.toContain('src/refundHandler.ts:5');
    expect(found).toContainEqual({
      at: 'src/refundProcessor.ts:5',
      message: expect.stringMatching(
        /its event source in template\.yaml has no ReportBatchItemFailures either$/,
      ),
    });
  });
});
