// swallowed-error's "the caller fails on it" judgement for an answer tested where it is made: `if (!(await
// captchaPasses(token))) throw ...` keeps the answer in no variable, so resultUse.ts's reading of the first
// later mention never sees it. The test is the use: a falsy failure answer takes the test's failing side.

import { failsHere } from './answerTest.js';
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

const THROUGH = (p: Node) =>
  p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression';

/**
 * `'falsy'` when the call's answer is itself an `if` test (`if (await f())`, `if (!(await f()))`) and the side
 * a falsy answer takes fails the work (throws, answers 5xx, reports a batch item failure): undefined, null
 * and false all fail there. Undefined otherwise: the other side, or a test inside a larger condition
 * (`if (a && !(await f()))`), may go on with the answer as "no".
 * @example
 * inlineTestFails(ctx, call) // 'falsy' for `if (!(await verify(token))) throw new HttpError(400, ...)`
 */
export function inlineTestFails(ctx: ModuleContext, call: Node): 'falsy' | undefined {
  let { node, parent } = ctx.climb(call, THROUGH);
  let side: 'consequent' | 'alternate' = 'alternate';
  if (parent?.type === 'UnaryExpression' && parent.operator === '!') {
    ({ node, parent } = ctx.climb(parent, THROUGH));
    side = 'consequent';
  }
  if (parent?.type !== 'IfStatement' || parent.test !== node) return undefined;
  return failsHere(parent[side] as Node | null) ? 'falsy' : undefined;
}
