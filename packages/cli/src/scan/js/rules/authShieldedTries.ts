// The part of a try block whose failures reach its own catch. An auth check often wraps its one remote step
// in an inner try that answers for it (`try { payload = await decrypt(answer) } catch { answerCorrect =
// false; return event }`) and the whole handler in an outer try: the inner catch is the one that turns an
// outage into "no"; the outer one only ever sees what comes after, local work. Judging the outer try by the
// remote call inside the inner one would report the same outage twice, once at a catch it never reaches.
// Only an inner catch that ends the function on every path shields: one that logs and falls through
// (`catch (e) { console.warn(e) } if (!user) throw ...`), sets a flag thrown on later, or hands the error to
// something that throws it (`rethrow(e)`, `await Promise.reject(e)`) lets the outage reach the outer catch.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Does every path through `s` end in a `return` (statements after one that does are never run)? */
function alwaysReturns(s: Node | undefined): boolean {
  if (s == null) return false;
  if (s.type === 'ReturnStatement') return true;
  if (s.type === 'BlockStatement') return (s.body as Node[]).some(alwaysReturns);
  if (s.type === 'IfStatement')
    return alwaysReturns(s.consequent as Node) && alwaysReturns(s.alternate as Node);
  return false;
}

/** Can `body` pass a failure on: a `throw`, `Promise.reject(...)`, or a call of a module function that throws? */
function passesOn(ctx: ModuleContext, body: Node): boolean {
  return someDescendant(
    body,
    (n) => {
      if (n.type === 'ThrowStatement') return true;
      if (n.type !== 'CallExpression') return false;
      const callee = unwrap(n.callee as Node);
      if (callee?.type === 'MemberExpression' && unwrap(callee.property as Node)?.name === 'reject')
        return true;
      if (callee?.type !== 'Identifier') return false;
      const fn = ctx.functionOf(callee);
      return fn !== undefined && someDescendant(fn.body as Node, (m) => m.type === 'ThrowStatement', true);
    },
    true,
  );
}

/** A statement that is a try whose catch answers for its block and ends the function on every path. */
function shields(ctx: ModuleContext, statement: Node): boolean {
  if (statement.type !== 'TryStatement' || statement.handler == null) return false;
  const body = (statement.handler as Node).body as Node;
  return alwaysReturns(body) && !passesOn(ctx, body);
}

/**
 * `block` without the blocks of the tries directly in it whose catch ends the function without passing the
 * failure on (their catch bodies and finally blocks stay: a failure there does reach the outer catch), or
 * `block` itself when it has none. Only direct statements are looked at: a try nested in an `if` keeps
 * counting, as before.
 */
export function reachingBlock(ctx: ModuleContext, block: Node): Node {
  const statements = block.body as Node[];
  if (!Array.isArray(statements) || !statements.some((s) => shields(ctx, s))) return block;
  const kept = statements.flatMap((s) => {
    if (!shields(ctx, s)) return [s];
    const handler = s.handler as Node;
    return s.finalizer == null ? [handler.body as Node] : [handler.body as Node, s.finalizer as Node];
  });
  return { type: 'BlockStatement', start: block.start, end: block.end, body: kept } as Node;
}
