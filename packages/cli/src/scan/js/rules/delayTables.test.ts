import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { fixedTableIndex, tableLookupOf } from './delayTables.js';

/** The initializer of the last `const wait = ...` in `source`, with its module context. */
function waitOf(source: string) {
  const ctx = contextOf(source);
  let decl: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'VariableDeclarator' && (n.id as Node).name === 'wait') decl = n;
    return false;
  });
  if (decl === undefined) throw new Error(`no wait in ${source}`);
  return {
    ctx,
    init: decl.init as Node,
    text: (n: Node | undefined) => (n ? source.slice(n.start, n.end) : n),
  };
}

describe('fixedTableIndex', () => {
  it('answers the index of a lookup in a const array of numbers', () => {
    const { ctx, init, text } = waitOf('const delays = [1000, 2000, 5000];\nconst wait = delays[attempt];');
    expect(text(fixedTableIndex(ctx, init))).toBe('attempt');
  });

  it('sees a table declared in the function that reads it', () => {
    const { ctx, init, text } = waitOf('function f(n) { const t = [1, 2]; const wait = t[n - 1]; }');
    expect(text(fixedTableIndex(ctx, init))).toBe('n - 1');
  });

  it('ignores imported tables, tables built by code, non-numeric entries and a one-entry table', () => {
    for (const table of [
      "import { delays } from './schedule';",
      'const delays = [1, 2].map((d) => d * Math.random());',
      "const delays = [1000, 'x'];",
      'const delays = [1000];',
      'let delays = [1000, 2000];',
    ]) {
      const { ctx, init } = waitOf(`${table}\nconst wait = delays[attempt];`);
      expect(fixedTableIndex(ctx, init)).toBeUndefined();
    }
  });

  it('ignores a named member (`delays.length`)', () => {
    const { ctx, init } = waitOf('const delays = [1, 2];\nconst wait = delays.length;');
    expect(fixedTableIndex(ctx, init)).toBeUndefined();
  });
});

describe('tableLookupOf', () => {
  it('answers the lookup under a fixed fallback', () => {
    const { ctx, init, text } = waitOf('const T = [10, 60];\nconst wait = T[task.attempt] ?? 86400;');
    expect(text(tableLookupOf(ctx, init))).toBe('T[task.attempt]');
  });

  it('answers nothing for a fallback that is not a number', () => {
    const { ctx, init } = waitOf('const T = [10, 60];\nconst wait = T[task.attempt] ?? other();');
    expect(tableLookupOf(ctx, init)).toBeUndefined();
  });
});
