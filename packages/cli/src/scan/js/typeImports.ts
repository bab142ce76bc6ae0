// The names a module's import declarations bind, type-only ones included, read once per program. A type
// annotation's name was looked up by a loop over the program's statements each time it was asked
// (declaredTypes.ts importedType): for a name declared in the module itself, that was every statement of a
// large module, asked for each annotation the floating-promise rule looks at (round 51, speed).
import { type Node, propertyName } from './ast.js';

/** Where an imported name comes from: the specifier as written, and the name imported under. */
export interface TypeImport {
  readonly source: string;
  readonly imported: string;
}

const TABLES = new WeakMap<Node, ReadonlyMap<string, TypeImport>>();

/**
 * The import declaration that binds `name` in `program` (`import type { Context } from './ctx'` as well as
 * value imports), or undefined. The first declaration in program order wins, as the loop it replaces
 * returned the first match; the table is built once per program and kept while the program lives.
 *
 * @example
 * typeImportOf(program, 'Ctx') // of `import type { Context as Ctx } from './ctx'` -> { source: './ctx', imported: 'Context' }
 */
export function typeImportOf(program: Node, name: string): TypeImport | undefined {
  let table = TABLES.get(program);
  if (table === undefined) {
    table = importTable(program);
    TABLES.set(program, table);
  }
  return table.get(name);
}

function importTable(program: Node): ReadonlyMap<string, TypeImport> {
  const table = new Map<string, TypeImport>();
  for (const stmt of program.body as Node[]) {
    if (stmt.type !== 'ImportDeclaration') continue;
    for (const sp of stmt.specifiers as Node[]) {
      const local = sp.local?.name as string | undefined;
      if (local === undefined || table.has(local)) continue;
      const imported =
        sp.type === 'ImportDefaultSpecifier'
          ? 'default'
          : sp.type === 'ImportNamespaceSpecifier'
            ? '*'
            : (propertyName(sp.imported) ?? local);
      table.set(local, { source: stmt.source.value as string, imported });
    }
  }
  return table;
}
