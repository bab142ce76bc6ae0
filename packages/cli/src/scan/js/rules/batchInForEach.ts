// A batch answer awaited and dropped inside an async callback handed to `forEach`
// (`chunks.forEach(async (chunk) => { await db.batchWrite({...}) })`): forEach drops each callback's
// promise, so no code after it sees the batch, its rejection or its leftovers. floating-promise reports
// the forEach itself (rules/floating.ts); the leftovers lost inside it are the same defect, told once there.
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * `node` runs in an async callback that is the first argument of a `.forEach(...)` call.
 * @example
 * // ids.forEach(async (id) => { await ddb.batchWrite(params) })
 * inFloatingForEach(ctx, awaitNode) // true
 */
export function inFloatingForEach(ctx: ModuleContext, node: Node): boolean {
  const fn = ctx.enclosingFunction(node);
  if (fn === undefined || fn.async !== true) return false;
  const call = ctx.parentOf(fn);
  return (
    call?.type === 'CallExpression' &&
    calleeName(call) === 'forEach' &&
    unwrap((call.arguments as Node[])[0]) === fn
  );
}
