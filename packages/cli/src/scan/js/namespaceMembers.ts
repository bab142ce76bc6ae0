// A function exported from a TypeScript namespace (`export namespace OrganizationDomain { export async
// function create(...) }`, Drizzle and SST data layers) is called by other modules as
// `OrganizationDomain.create(...)`: that qualified name, not a bare `create(`, is what marks a caller of
// it. Without it every importer calling any `create(` of another object counted as its caller, so a
// namespace reached by a queue consumer for one member lent that consumer to all of them.
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** The namespace a declaration is exported from: its module block's declaration, when under `export`. */
function exportingNamespace(ctx: ModuleContext, declaration: Node): Node | undefined {
  const exported = ctx.parentOf(declaration);
  if (exported?.type !== 'ExportNamedDeclaration') return undefined;
  const block = ctx.parentOf(exported);
  if (block?.type !== 'TSModuleBlock') return undefined;
  const space = ctx.parentOf(block);
  return space?.type === 'TSModuleDeclaration' && space.id?.type === 'Identifier' ? space : undefined;
}

/**
 * The dotted path other modules reach `fn` by, when it is exported from a namespace every level of which
 * is exported (`A.B` for `export namespace A { export namespace B { export function f() {} } }`); undefined
 * for any other function, a namespace kept to its module included.
 *
 * @example
 * namespacePath(ctx, createFn) // 'OrganizationDomain'
 */
export function namespacePath(ctx: ModuleContext, fn: Node): string | undefined {
  // `export function f` is its own declaration; `export const f = async () => ...` is its declarator's.
  const declaration = fn.type === 'FunctionDeclaration' ? fn : ctx.parentOf(ctx.parentOf(fn) as Node);
  if (declaration === undefined) return undefined;
  const path: string[] = [];
  let space = exportingNamespace(ctx, declaration);
  if (space === undefined) return undefined;
  while (space !== undefined) {
    path.unshift(space.id?.name as string);
    const outer = ctx.parentOf(space);
    // The outermost namespace: exported from the module itself, or the module keeps it.
    if (outer?.type === 'ExportNamedDeclaration' && ctx.parentOf(outer)?.type === 'Program') break;
    space = exportingNamespace(ctx, space);
    if (space === undefined) return undefined;
  }
  return path.join('.');
}
