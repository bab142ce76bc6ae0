// swallowed-error: a `.catch` (a stand-in, or a handler that only logs) on a statement followed by a throw.
// Reading an error answer's body for the message (`const reason = await res.text().catch(() => '')`, then
// `throw new Error(`${res.status} - ${reason}`)`), or marking the work failed before rethrowing, is a second
// failure on the way out: the path already fails, and the stand-in only leaves the message shorter. Not so
// when a try of the same function catches that throw and may answer success (`throw new Redirect(to)`).
import { isFunction, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Statements that run straight through to the next one: no `return`, `break`, `if` or loop of their own. */
const STRAIGHT = new Set(['ExpressionStatement', 'VariableDeclaration']);

/**
 * The statement holding the `.catch` chain (anywhere in it: a declaration, an expression, a field of an
 * object built there) is followed in its block by a `throw`, with only straight-line statements between
 * (`await send({ type: 'error' })`), also after the end of an `if` branch it sits in: the path fails
 * whatever the chain answered.
 *
 * @example
 * // const reason = await res.text().catch(() => ''); throw new Error(`failed: ${res.status} ${reason}`);
 * // error.response = { data: await res.json().catch(() => null) }; throw error;
 * // await markFailed(id).catch((e) => log(e)); await notify(); throw err;
 * throwsNext(ctx, catchCall) // -> true
 */
export function throwsNext(ctx: ModuleContext, call: Node): boolean {
  let at = call;
  let parent = ctx.parentOf(at);
  while (parent !== undefined && parent.type !== 'BlockStatement' && parent.type !== 'Program') {
    if (isFunction(parent)) return false;
    at = parent;
    parent = ctx.parentOf(at);
  }
  if (parent === undefined || !STRAIGHT.has(at.type)) return false;
  for (;;) {
    const statements = parent.body as Node[];
    for (const next of statements.slice(statements.indexOf(at) + 1)) {
      if (next.type === 'ThrowStatement') return !caughtHere(ctx, next);
      if (!STRAIGHT.has(next.type)) return false;
    }
    // The end of a branch runs on after its `if` (`catch (e) { if (id) { await abort(id).catch(() => {}) }
    // throw e }`): the statements after the `if` decide.
    const branch = ctx.parentOf(parent);
    const outer = branch?.type === 'IfStatement' ? ctx.parentOf(branch) : undefined;
    if (branch === undefined || outer?.type !== 'BlockStatement') return false;
    at = branch;
    parent = outer;
  }
}

/**
 * The throw sits in the block of a try of its own function whose catch does not rethrow at once (`catch (e) {
 * if (e instanceof Redirect) return redirect(e.to); throw e }`): the catch may answer success, so the
 * throw need not fail the path.
 */
export function caughtHere(ctx: ModuleContext, thrown: Node): boolean {
  for (let n: Node = thrown, p = ctx.parentOf(n); p !== undefined; n = p, p = ctx.parentOf(p)) {
    if (isFunction(p)) return false;
    if (p.type !== 'TryStatement' || n !== p.block || p.handler == null) continue;
    const body = ((p.handler as Node).body as Node).body as Node[];
    const first = body.find((s) => !STRAIGHT.has(s.type));
    if (first?.type !== 'ThrowStatement') return true;
  }
  return false;
}
