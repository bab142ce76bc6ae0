// swallowed-error's "the caller fails on it" judgement for an answer tested where it is made: `if (!(await
// captchaPasses(token))) throw ...` keeps the answer in no variable, so resultUse.ts's reading of the first
// later mention never sees it. The test is the use: a falsy failure answer takes the test's failing side.

import { failsHere } from './answerTest.js';
import { answerWrapper, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * True when the call's answer is itself an `if` test (`if (await f())`, `if (!(await f()))`) and the side a
 * falsy answer takes fails the work unconditionally (throws, answers 5xx, reports a batch item failure):
 * undefined, null and false all fail there. False otherwise: the other side, a failure under a condition of
 * its own, or a test inside a larger condition (`if (a && !(await f()))`) may go on with the answer as "no".
 * Without `await` the test reads a Promise, which is always truthy, unless the callee is a local function
 * that is not async: an imported callee is not known to be sync, so it needs the `await` too.
 * @example
 * inlineTestFails(ctx, call) // true for `if (!(await verify(token))) throw new HttpError(400, ...)`
 */
export function inlineTestFails(ctx: ModuleContext, call: Node): boolean {
  let awaited = false;
  const through = (p: Node) => {
    if (p.type === 'AwaitExpression') awaited = true;
    return answerWrapper(p);
  };
  let { node, parent } = ctx.climb(call, through);
  let side: 'consequent' | 'alternate' = 'alternate';
  if (parent?.type === 'UnaryExpression' && parent.operator === '!') {
    ({ node, parent } = ctx.climb(parent, through));
    side = 'consequent';
  }
  if (parent?.type !== 'IfStatement' || parent.test !== node) return false;
  const callee = ctx.functionOf(unwrap(call.callee as Node));
  if (!awaited && (callee === undefined || callee.async === true)) return false;
  return failsHere(parent[side] as Node | null);
}
