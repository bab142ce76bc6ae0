// A job's catch that answers nothing is excused because its next run selects the item again
// (bestEffortCatch.ts nextRunRetries), unless the caller reads "nothing" as "the item is gone" and deletes
// it: `if (!await webhookStillExists(req)) removeRequest(req)`. A throttle in the check then deletes the
// pending work, so no later run finds it again.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { DELETE_CALL } from './catchAfter.js';
import { returnedName } from './errorValues.js';

/** The branch of the `if` that `call` (the whole test, or negated by `!`) sends a falsy answer to. */
function falsyBranch(ctx: ModuleContext, call: Node): Node | undefined {
  let at = call;
  let parent = ctx.parentOf(at);
  while (parent?.type === 'AwaitExpression' || parent?.type === 'ParenthesizedExpression') {
    at = parent;
    parent = ctx.parentOf(at);
  }
  const negated = parent?.type === 'UnaryExpression' && parent.operator === '!';
  if (negated) {
    at = parent as Node;
    parent = ctx.parentOf(at);
  }
  if (parent?.type !== 'IfStatement' || parent.test !== at) return undefined;
  return ((negated ? parent.consequent : parent.alternate) as Node | null) ?? undefined;
}

/**
 * Some call of the function holding `handler` (a catch) tests its answer in an `if` whose falsy side calls
 * a delete (`remove...`, `delete...`, `purge...`): the failure answered as nothing deletes the work.
 *
 * @example
 * // const exists = async (r) => { try { return await readOne(r.id) } catch (e) { log(e) } }
 * // ... if (!await exists(r)) removeRequest(r)
 * deletedOnMissingAnswer(ctx, catchClause) // -> true
 */
export function deletedOnMissingAnswer(ctx: ModuleContext, handler: Node): boolean {
  const fn = ctx.enclosingFunction(handler);
  const name = fn === undefined ? undefined : returnedName(ctx, fn);
  if (name === undefined) return false;
  return ctx.of('CallExpression').some((call) => {
    if (calleeName(call) !== name || unwrap(call.callee)?.type !== 'Identifier') return false;
    const branch = falsyBranch(ctx, call);
    return (
      branch !== undefined &&
      someDescendant(
        branch,
        (n) => n.type === 'CallExpression' && DELETE_CALL.test(calleeName(n) ?? ''),
        true,
      )
    );
  });
}
