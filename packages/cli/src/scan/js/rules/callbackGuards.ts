// Whether a fan-out's callback keeps its own failures from reaching Promise.all: a try whose catch absorbs
// them, or a `.catch(...)` that does, around every awaited write. A guard on one branch of the callback
// (a try around the GitHub case of a switch, none around the Slack case) leaves the other branches' writes
// free to reject the whole fan-out.

import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const absorbs = (body: Node | undefined) =>
  body !== undefined && !someDescendant(body, (n) => n.type === 'ThrowStatement', true);

/** The absorbing guards in `body`: try statements whose catch never throws, `.catch(fn)` calls likewise. */
function absorbingGuards(body: Node): Node[] {
  const guards: Node[] = [];
  someDescendant(
    body,
    (n) => {
      if (n.type === 'TryStatement' && n.handler != null && absorbs(n.handler.body as Node)) guards.push(n);
      if (n.type === 'CallExpression' && calleeName(n) === 'catch') {
        const fn = n.arguments[0] as Node | undefined;
        if (fn === undefined || !isFunction(fn) || absorbs(fn.body as Node)) guards.push(n);
      }
      return false;
    },
    true,
  );
  return guards;
}

/**
 * The callback guards each record: every awaited call that is not a read (`reads`) sits inside a try whose
 * catch absorbs the failure (records it, answers a result) or under a `.catch(...)` that does. A catch that
 * rethrows (`catch (err) { log(err); throw err; }`) guards nothing: the rejection still reaches Promise.all.
 * @example
 * guarded(cb, reads) // false for `async (m) => { if (m.a) { await post(m); return; } try { await save(m) } catch {} }`
 */
export function guarded(ctx: ModuleContext, cb: Node, reads: (call: Node) => boolean, depth = 0): boolean {
  const body = cb.body as Node;
  const guards = absorbingGuards(body);
  if (guards.length === 0) return false;
  const covered = (n: Node) => guards.some((g) => g.start <= n.start && n.end <= g.end);
  return !someDescendant(
    body,
    (n) => {
      if (n.type !== 'AwaitExpression') return false;
      const call = unwrap(n.argument as Node);
      if (call?.type !== 'CallExpression' || covered(call) || reads(call)) return false;
      // A function of the module that guards its own writes the same way (`return false` from its catch).
      const own = ctx.functionOf(call.callee as Node);
      if (own !== undefined && own !== cb && depth < 2 && guarded(ctx, own, reads, depth + 1)) return false;
      // `await Promise.all([a.catch(log), b.catch(log)])`: the combined promises carry their own guards.
      return !(memberPath(call.callee)?.[0] === 'Promise');
    },
    true,
  );
}
