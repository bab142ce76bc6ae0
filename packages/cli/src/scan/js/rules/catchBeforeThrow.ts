// swallowed-error: a `.catch` whose stand-in only feeds the throw right after it. Reading an error
// answer's body for the message (`const reason = await res.text().catch(() => '')`, then `throw new
// Error(`${res.status} - ${reason}`)`), or marking the work failed before rethrowing, is a second failure on
// the way out: the path already fails, and the stand-in only leaves the message shorter, as a catch on a
// path that throws right after does.
import { isFunction, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Statements that run straight through to the next one: no `return`, `break`, `if` or loop of their own. */
const STRAIGHT = new Set(['ExpressionStatement', 'VariableDeclaration']);

/**
 * The statement holding the `.catch` chain (anywhere in it: a declaration, an expression, a field of an
 * object built there) is followed in its block by a `throw`, with only straight-line statements between
 * (`await send({ type: 'error' })`): the path fails whatever the chain answered.
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
  const statements = parent.body as Node[];
  for (const next of statements.slice(statements.indexOf(at) + 1)) {
    if (next.type === 'ThrowStatement') return true;
    if (!STRAIGHT.has(next.type)) return false;
  }
  return false;
}
