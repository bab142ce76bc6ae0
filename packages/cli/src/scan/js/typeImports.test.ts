import { describe, expect, it } from 'vitest';
import { contextOf } from './testing/parsed.js';
import { typeImportOf } from './typeImports.js';

describe('typeImportOf', () => {
  it('reads named, renamed, default, namespace and type-only imports', () => {
    // Prepare
    const ctx = contextOf(
      "import type { Context as Ctx } from './ctx';\nimport Redis from './redis';\nimport * as ns from 'lib';\nimport { type A, b } from './ab';\ntype Local = { a: 1 };",
    );

    // Act
    const names = ['Ctx', 'Redis', 'ns', 'A', 'b', 'Local', 'Context'].map((n) =>
      typeImportOf(ctx.program, n),
    );

    // Assess
    expect(names).toEqual([
      { source: './ctx', imported: 'Context' },
      { source: './redis', imported: 'default' },
      { source: 'lib', imported: '*' },
      { source: './ab', imported: 'A' },
      { source: './ab', imported: 'b' },
      undefined,
      undefined,
    ]);
  });

  // The loop it replaces returned the first declaration in program order that bound the name.
  it('answers the first declaration binding a name twice, and the same answer when asked again', () => {
    // Prepare
    const ctx = contextOf("import type { T } from './first';\nimport type { U as T } from './second';");

    // Act
    const first = typeImportOf(ctx.program, 'T');

    // Assess
    expect(first).toEqual({ source: './first', imported: 'T' });
    expect(typeImportOf(ctx.program, 'T')).toBe(first);
  });
});
