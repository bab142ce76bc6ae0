// Following a declared type through a barrel's `export *` analyses a deferred module only when its text can
// declare the type or pass it on; the modules that can are still followed (traps).
import { describe, expect, it } from 'vitest';
import type { DeclaredType } from './js/declaredTypes.js';
import type { ModuleFacts } from './js/ModuleFacts.js';
import type { Project } from './project.js';
import { mayDeclare, typedMethodAsync } from './typedMethods.js';

const STORE: Record<string, DeclaredType> = { Store: { members: {}, asyncMethods: ['save'] } };

/**
 * A barrel /p/index.ts passing on `./a` then `./b` (`export *`), `./b` declaring `Store` with an async `save`;
 * `./a` is deferred with the text given. Records which files had their facts asked.
 */
function project(aText: string): { project: Project; asked: string[] } {
  const asked: string[] = [];
  const facts: Record<string, Partial<ModuleFacts>> = {
    '/p/index.ts': { reExports: [{ source: './a' }, { source: './b' }] },
    '/p/a.ts': { reExports: [] },
    '/p/b.ts': { reExports: [], declaredTypes: STORE },
  };
  const fake = {
    deferred: new Map([['/p/a.ts', aText]]),
    resolveModule: (_from: string, source: string) => `/p/${source.replace('./', '')}.ts`,
    factsOf: (file: string) => {
      asked.push(file);
      return facts[file] as ModuleFacts | undefined;
    },
    exportFact: () => undefined,
  };
  return { project: fake as unknown as Project, asked };
}

const CALL = { from: '/p/use.ts', type: { source: './index', name: 'Store' }, path: [], method: 'save' };

describe('typedMethodAsync through a barrel', () => {
  it('does not analyse a deferred module whose text cannot declare the type', () => {
    // Prepare
    const { project: p, asked } = project('export const helper = 1;\n');

    // Act
    const async = typedMethodAsync(p, CALL);

    // Assess
    expect(async).toBe(true);
    expect(asked).toEqual(['/p/index.ts', '/p/b.ts']);
  });

  it.each([
    ['a module spelling the name', 'export type Store = unknown;\n'],
    ['a barrel of its own', "export * from './c';\n"],
    ['a barrel with a comment before the star', "export /* all */ * from './c';\n"],
    ['a CommonJS spread', "module.exports = { ...require('./c') };\n"],
    ['an escaped name', 'export { S\\u0074ore };\n'],
  ])('still analyses %s (trap)', (_, text) => {
    // Prepare
    const { project: p, asked } = project(text);

    // Act
    const async = typedMethodAsync(p, CALL);

    // Assess
    expect(async).toBe(true);
    expect(asked).toContain('/p/a.ts');
  });
});

describe('mayDeclare', () => {
  it.each([
    ['export const helper = 1; /** a JSDoc star */', 'Store', false],
    ['const n = 2 * 3; // no export of all', 'Store', false],
    ['export class Store {}', 'Store', true],
    ['module.exports = x;', 'default', true],
  ])('%s, %s: %s', (text, name, expected) => {
    // Act, Assess
    expect(mayDeclare(text, name)).toBe(expected);
  });
});
