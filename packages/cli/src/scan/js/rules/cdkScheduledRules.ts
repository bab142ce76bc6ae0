// Is a CDK rule target on a schedule? A `LambdaFunction` target of a rule with a `schedule` is run by the
// clock, not by an event: nothing is redelivered, and nobody reads its answer (cdkEventWired.ts,
// cdkUnreadAnswers.ts ask it).
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * `rule.addTarget(node)` or `new Rule(..., { targets: [node] })` on a rule with a `schedule`.
 * @example
 * onScheduledRule(ctx, lambdaFunctionTargetNode); // true for `new Rule(this, 'Nightly', { schedule, targets: [t] })`
 */
export function onScheduledRule(ctx: ModuleContext, node: Node): boolean {
  let parent = ctx.parentOf(node);
  let rule: Node | undefined;
  if (parent?.type === 'CallExpression' && memberPath(parent.callee)?.at(-1) === 'addTarget')
    rule = ctx.valueOf(unwrap(parent.callee)?.object);
  else {
    while (parent !== undefined && parent.type !== 'NewExpression' && parent.type !== 'CallExpression')
      parent = ctx.parentOf(parent);
    rule = parent;
  }
  if (rule?.type !== 'NewExpression') return false;
  return objectProps(ctx.valueOf((rule.arguments as Node[])[2]))?.props.has('schedule') === true;
}
