// swallowed-error for a catch that hands the error to an async helper that throws it (`handleError(msg)`,
// declared `async function handleError(m): Promise<never> { log(m); throw new Error(m) }`) without `await`
// or `return`: the helper's throw becomes a rejected promise nobody waits on, and the code after the catch
// runs as if the call had succeeded.
import { isFunction, type Node, returnsPromise, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';

/** A module-local async function whose own body ends in a throw: it always rejects. */
function alwaysRejects(ctx: ModuleContext, callee: Node | undefined): Node | undefined {
  const fn = ctx.functionOf(callee);
  if (fn === undefined || !isFunction(fn) || !returnsPromise(fn)) return undefined;
  const body = fn.body as Node;
  const last = body.type === 'BlockStatement' ? (body.body as Node[]).at(-1) : undefined;
  return last?.type === 'ThrowStatement' ? fn : undefined;
}

/**
 * The call of such a helper in a catch whose other statements only observe the error, or undefined.
 *
 * @example
 * unawaitedRethrow(ctx, catchClause) // the `handleError(...)` call of `catch (e) { handleError(`failed: ${e}`) }`
 */
export function unawaitedRethrow(ctx: ModuleContext, handler: Node): Node | undefined {
  const statements = (handler.body as Node).body as Node[];
  let found: Node | undefined;
  for (const statement of statements) {
    if (isObservation(statement)) continue;
    const call = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
    if (call?.type !== 'CallExpression' || alwaysRejects(ctx, call.callee as Node) === undefined) return undefined;
    found = call;
  }
  return found;
}
