// A function nothing can call: declared under a name, not exported, and named nowhere else in its module's
// code outside its own declaration (no call, no reference, no export list; a comment naming it is no caller).
// A call inside its own body (`if (page.IsTruncated) await emptyFolder(bucket, dir)`) is no way in: a function
// only its own recursion names never runs a first time. Its findings are dead code: a reviewer deletes the
// function rather than hardening it, and labellers of real repositories mark them as traps.
import { escapeRegExp } from '../escapeRegExp.js';
import type { Node } from './ast.js';
import { declaredName } from './flagGated.js';
import { exportKeyword, isExported } from './isExported.js';
import type { ModuleContext } from './ModuleContext.js';

const dead = new WeakMap<Node, boolean>();

/**
 * True when `node` sits in a function (or a function inside one) that nothing in the program can reach.
 * A function on a handler's path, an exported one, and one whose name appears anywhere in the module's code
 * outside its own declaration (a call, a reference, a string) are kept: the text test errs towards reporting.
 *
 * @example
 * uncalled(ctx, catchClause) // true inside `async function getSlackUserId()` that nothing names again
 */
export function uncalled(ctx: ModuleContext, node: Node): boolean {
  for (let fn = ctx.enclosingFunction(node); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    if (ctx.handlers.has(fn)) return false;
    const name = declaredName(ctx, fn);
    if (name === undefined) continue;
    let verdict = dead.get(fn);
    if (verdict === undefined) {
      const exported = exportKeyword(ctx, fn) || isExported(ctx, fn);
      verdict = !exported && codeMentions(ctx, name, declarationOf(ctx, fn)) === 0;
      dead.set(fn, verdict);
    }
    if (verdict) return true;
  }
  return false;
}

/**
 * The text a function's declaration spans, its name included: the function itself (`function f() {}`) or
 * its declarator (`const f = async () => {}`), the two shapes declaredName reads a name from.
 */
function declarationOf(ctx: ModuleContext, fn: Node): Node {
  const parent = ctx.parentOf(fn);
  return fn.type !== 'FunctionDeclaration' && parent?.type === 'VariableDeclarator' ? parent : fn;
}

/**
 * How often `name` appears in the module's code outside `own` (the function's declaration: its name and
 * its body's recursive calls). A mention inside a comment is no caller: a call left commented out
 * (`// const detail = await callIpStacks(ip)`) is the usual way such a function went dead.
 */
function codeMentions(ctx: ModuleContext, name: string, own: Node): number {
  let count = 0;
  for (const m of ctx.source.matchAll(new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g'))) {
    if (own.start <= m.index && m.index < own.end) continue;
    if (!ctx.comments.some((c) => c.start <= m.index && m.index < c.end)) count++;
  }
  return count;
}
