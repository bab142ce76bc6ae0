// floating-promise: a statement inside a `new Promise((resolve, reject) => ...)` executor that hands its
// outcome to `resolve`/`reject` is the outer promise's own work: the caller awaits it, so nothing floats.
// A promise chain there counts only when its failure reaches the outer promise too (`.catch(reject)`,
// `.then(ok, reject)`): a chain that resolves in its `.then` and has no rejection handler leaves the outer
// promise pending for ever when it rejects, and the rejection is unhandled.
import { calleeName, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Whether some step of the chain ending in `call` handles a rejection (`.catch`, a two-argument `.then`). */
function handlesRejection(call: Node): boolean {
  for (let c: Node | undefined = call; c?.type === 'CallExpression'; ) {
    const name = calleeName(c);
    if (name === 'catch' || (name === 'then' && (c.arguments as Node[]).length > 1)) return true;
    const callee = unwrap(c.callee);
    c = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  }
  return false;
}

/**
 * The statement runs inside a `new Promise((resolve, reject) => ...)` executor and hands the outcome to
 * `resolve`/`reject`: the promise the caller awaits settles with it, so nothing floats. A `.then` chain
 * must also handle its rejection to settle it.
 *
 * @example
 * settlesExecutor(ctx, stmt) // new Promise((res, rej) => { get(u).then(res).catch(rej) }) -> true
 * settlesExecutor(ctx, stmt) // new Promise((res) => { get(u).then((x) => res(x)) }) -> false
 */
export function settlesExecutor(ctx: ModuleContext, stmt: Node): boolean {
  for (let fn = ctx.enclosingFunction(stmt); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const parent = ctx.parentOf(fn);
    if (
      parent?.type !== 'NewExpression' ||
      memberPath(parent.callee)?.join('.') !== 'Promise' ||
      parent.arguments[0] !== fn
    )
      continue;
    const names = (fn.params as Node[])
      .map((p) => (p.type === 'Identifier' ? (p.name as string) : undefined))
      .filter((n): n is string => n !== undefined);
    const text = ctx.source.slice(stmt.start, stmt.end);
    if (!names.some((n) => new RegExp(`\\b${n.replace(/[$]/g, '\\$')}\\b`).test(text))) return false;
    const e = unwrap(stmt.expression as Node);
    return !(e?.type === 'CallExpression' && calleeName(e) === 'then' && !handlesRejection(e));
  }
  return false;
}
