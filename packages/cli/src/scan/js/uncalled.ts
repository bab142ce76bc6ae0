// A function nothing can call: declared under a name, not exported, and named nowhere else in its module's
// code (no call, no reference, no export list, not even itself; a comment naming it is no caller). Its
// findings are dead code: a reviewer deletes the function rather than hardening it, and labellers of real
// repositories mark them as traps.
import { escapeRegExp } from '../escapeRegExp.js';
import type { Node } from './ast.js';
import { declaredName } from './flagGated.js';
import { exportKeyword, isExported } from './isExported.js';
import type { ModuleContext } from './ModuleContext.js';

const dead = new WeakMap<Node, boolean>();

/**
 * True when `node` sits in a function (or a function inside one) that nothing in the program can reach.
 * A function on a handler's path, an exported one, and one whose name appears a second time anywhere in
 * the module's text (a call, a reference, a comment) are kept: the text test errs towards reporting.
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
      const mentions = exported ? 2 : codeMentions(ctx, name);
      verdict = mentions <= 1;
      dead.set(fn, verdict);
    }
    if (verdict) return true;
  }
  return false;
}

/**
 * How often `name` appears in the module's code. A mention inside a comment is no caller: a call left
 * commented out (`// const detail = await callIpStacks(ip)`) is the usual way such a function went dead.
 */
function codeMentions(ctx: ModuleContext, name: string): number {
  let count = 0;
  for (const m of ctx.source.matchAll(new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g')))
    if (!ctx.comments.some((c) => c.start <= m.index && m.index < c.end)) count++;
  return count;
}
