// A function of the module that nothing names again: not exported, never called, never handed on. What
// its catches or unchecked calls do cannot reach a caller (a helper left behind after a refactor).
import type { Node } from '../ast.js';
import { escapeRegExp } from '../../escapeRegExp.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The name a module-level function or `const f = () => ...` is bound to. */
function boundName(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name as string | undefined;
  const parent = ctx.parentOf(fn);
  return parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier'
    ? (parent.id.name as string)
    : undefined;
}

/** The declaration carries `export` itself (also inside a TypeScript namespace the module map leaves out). */
function exportedInPlace(ctx: ModuleContext, fn: Node): boolean {
  let n: Node | undefined = fn;
  for (let i = 0; i < 4 && n !== undefined; i++, n = ctx.parentOf(n))
    if (n.type === 'ExportNamedDeclaration' || n.type === 'ExportDefaultDeclaration') return true;
  return false;
}

/**
 * Is `node` inside a named function of the module whose name appears nowhere else in the source (not
 * exported, called, passed or re-exported)? Class methods are not judged: another module calls them
 * through an instance.
 *
 * @example
 * neverCalled(ctx, catchClause) // true in `const getSlackUserId = async () => { try {...} catch {...} }` with no other `getSlackUserId`
 */
export function neverCalled(ctx: ModuleContext, node: Node): boolean {
  // The first named function around `node` (a callback inside it is as dead as it is).
  for (let fn = ctx.enclosingFunction(node); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const name = boundName(ctx, fn);
    if (name === undefined) continue;
    if ([...ctx.exports.values()].some((v) => v === fn || ctx.functionOf(v) === fn)) return false;
    // `export const f` inside a `namespace` is reached as `Namespace.f` from elsewhere.
    if (exportedInPlace(ctx, fn)) return false;
    const uses = ctx.source.match(new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`, 'g'))?.length ?? 0;
    return uses === 1;
  }
  return false;
}
