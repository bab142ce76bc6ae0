// projectCall: the project import a call reaches. A bare path (`src/services/docs`) may be a tsconfig
// alias: only the handler path's edges (`aliased`) take it, since the project pass resolves them and drops
// what names no scanned module; a package path (`node:fs`) is never one.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { projectCall } from './projectCall.js';
import { contextOf } from './testing/parsed.js';

const refs = (source: string, aliased: boolean) => {
  const ctx = contextOf(source, '/app/src/functions/report/handler.ts');
  return ctx
    .of('CallExpression')
    .map((call: Node) => projectCall(ctx, call, aliased))
    .filter((r) => r !== undefined)
    .map((r) => `${r.source}#${r.name}`);
};

const SOURCE = `import { saveReport } from 'src/services/report-store';
import { readFile } from 'node:fs/promises';
import { log } from './log';
export const main = async (e) => { await saveReport(e.id); await readFile('x'); log(e); };`;

describe('projectCall', () => {
  it('takes a tsconfig-alias import on the handler path', () => {
    // Act
    const found = refs(SOURCE, true);

    // Assert
    expect(found).toEqual(['src/services/report-store#saveReport', './log#log']);
  });

  it('takes only relative and workspace imports otherwise', () => {
    // Act
    const found = refs(SOURCE, false);

    // Assert
    expect(found).toEqual(['./log#log']);
  });
});
