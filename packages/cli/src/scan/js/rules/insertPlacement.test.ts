// Where insert-no-upsert points for a statement kept in its function's own constant: at the call that runs
// it, as for a module-scope constant (inserts.ts), and where it is written when no call runs it by name.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

const corpus = join(import.meta.dirname, '../../../../fixtures/corpus');

async function insertLines(folder: string): Promise<string[]> {
  const result = await scan({ root: join(corpus, folder), workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'insert-no-upsert')
    .map((f) => `${f.file}:${f.line}`)
    .sort();
}

describe('insert-no-upsert placement for a statement in a local constant', () => {
  it('reports at the run, keeps a RETURNING child and an upsert silent, and falls back to the text', async () => {
    // Act
    const lines = await insertLines('insert-local-statements');

    // Assess: `await q(sql)` and the parent's `client.query(insertProduct, ...)`, not their template
    // literals; the stock row keyed by the parent's id (through `stockValues`) is the parent's fix; the
    // constant handed inside a config object has no runner by name and stays at its text. A function
    // running a module-scope statement and then a local one answers for both.
    expect(lines).toEqual([
      'blockLoader.ts:17',
      'blockLoader.ts:23',
      'blockLoader.ts:35',
      'blockLoader.ts:43',
      'blockLoader.ts:45',
    ]);
  });

  it('judges a constant run on both branches of an if where it is written, once', async () => {
    // Act
    const lines = await insertLines('named-sql-random-keys');

    // Assess: the uuid-keyed runs are random-id's; the audit row's plain run in the else is no
    // "update when it exists" split, since the other branch inserts the same statement.
    expect(lines).toEqual(['orderSplitter.ts:29', 'orderSplitter.ts:36']);
  });
});
