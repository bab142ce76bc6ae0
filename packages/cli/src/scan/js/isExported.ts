// Whether a function leaves its module: asked by the dead-code test and by the batch rules' owner search.
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The module exports `fn` (directly, or a binding whose value is it).
 * @example
 * isExported(ctx, fn) // true for `export async function putEvent(...)`
 */
export function isExported(ctx: ModuleContext, fn: Node): boolean {
  return [...ctx.exports.values()].some((v) => v === fn || ctx.functionOf(v) === fn);
}

/**
 * Declared under an `export` keyword, also one the module's export map does not list: a member of a
 * TypeScript `namespace Auth { export const getAccessToken = ... }`, which other modules call as
 * `Auth.getAccessToken()`.
 */
export function exportKeyword(ctx: ModuleContext, fn: Node): boolean {
  const declaration = fn.type === 'FunctionDeclaration' ? fn : ctx.parentOf(ctx.parentOf(fn) as Node);
  const parent = declaration === undefined ? undefined : ctx.parentOf(declaration);
  return parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration';
}
