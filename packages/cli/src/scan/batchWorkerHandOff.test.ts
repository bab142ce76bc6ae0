// Thin batch handlers that await one worker of another module and drop its answer: the one finding is the
// worker's, naming the event sources of the handlers it serves; a handler with a loop of its own keeps its own.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const corpus = join(import.meta.dirname, '../../fixtures/corpus');

/** The batch findings of a corpus folder (or an absolute root), by `file:line`, with their messages. */
async function batchFindings(folder: string): Promise<{ at: string; message: string }[]> {
  const result = await scan({ root: resolve(corpus, folder), workers: 0 });
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

const STREAM = "import type { DynamoDBStreamEvent } from 'aws-lambda';\n";
/** A typed handler of `src/<name>.ts` that only awaits the `handle` export of each module named, one by one. */
const thin = (...to: string[]) =>
  `${STREAM}${to.map((m, i) => `import { handle as h${i} } from './${m}';\n`).join('')}export const handle = async (event: DynamoDBStreamEvent): Promise<void> => {\n${to.map((_, i) => `  await h${i}(event);\n`).join('')}};\n`;
const WORKER = `${STREAM}export const handle = async (event: DynamoDBStreamEvent): Promise<void> => {\n  await Promise.all(event.Records.map((r) => fetch(\`https://x/\${r.eventID}\`)));\n};\n`;

/** A project of `src/<name>.ts` modules in a fresh folder; the answer is its root. */
function project(modules: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-handoff-'));
  mkdirSync(join(root, 'src'));
  for (const [name, text] of Object.entries(modules)) writeFileSync(join(root, 'src', `${name}.ts`), text);
  return root;
}

describe('batch-no-partial-failure of thin handlers handing their batch on along a chain', () => {
  it('defers every thin handler of a chain to the worker at its end, whatever its length', async () => {
    // Prepare
    const root = project({ a: thin('b'), b: thin('c'), c: thin('worker'), worker: WORKER });

    // Act
    const found = await batchFindings(root);

    // Assess
    expect(found.map((f) => f.at)).toEqual(['src/worker.ts:2']);
  });

  it('keeps the finding of a handler that reads its worker’s answer: the worker does not decide alone', async () => {
    // Prepare
    const reads = `${STREAM}import { handle as work } from './worker';\nexport const handle = async (event: DynamoDBStreamEvent): Promise<void> => {\n  const done = await work(event);\n  console.log(done);\n};\n`;
    const root = project({ a: reads, worker: WORKER });

    // Act
    const found = await batchFindings(root);

    // Assess
    expect(found.map((f) => f.at)).toEqual(['src/a.ts:3', 'src/worker.ts:2']);
  });

  it('keeps the finding of each handler of a cycle, which no worker answers for', async () => {
    // Prepare
    const root = project({ a: thin('b'), b: thin('a') });

    // Act
    const found = await batchFindings(root);

    // Assess
    expect(found.map((f) => f.at)).toEqual(['src/a.ts:3', 'src/b.ts:3']);
  });

  it('judges 40 layers of thin handlers each handing on to both of the next in linear time', async () => {
    // Prepare: layer k's two modules each await both of layer k + 1's; the last layer works the records.
    const modules: Record<string, string> = { l40a: WORKER, l40b: WORKER };
    for (let k = 0; k < 40; k++)
      for (const s of 'ab') modules[`l${k}${s}`] = thin(`l${k + 1}a`, `l${k + 1}b`);
    const root = project(modules);

    // Act
    const started = Date.now();
    const found = await batchFindings(root);

    // Assess: past eight hops of thin handlers each keeps its own finding; the last eight layers defer.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(found.map((f) => f.at)).toContain('src/l40a.ts:2');
    expect(found.map((f) => f.at)).not.toContain('src/l39a.ts:4');
  }, 60_000);

  it('judges handlers of 5,000 statements handing their event round a cycle in linear time', async () => {
    // Prepare
    const long = (to: string) =>
      `${STREAM}import { handle as next } from './${to}';\nexport const handle = async (event: DynamoDBStreamEvent): Promise<void> => {\n${'  await next(event);\n'.repeat(5000)}};\n`;
    const root = project({ a: long('b'), b: long('a') });

    // Act
    const started = Date.now();
    const found = await batchFindings(root);

    // Assess
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(found.map((f) => f.at)).toEqual(['src/a.ts:3', 'src/b.ts:3']);
  }, 60_000);
});
