// The functions an L1 IoT topic rule invokes (`new iot.CfnTopicRule(this, id, { topicRulePayload: { actions:
// [{ lambda: { functionArn: fn.functionArn } }] } })`). IoT hands each matching message to Lambda as an
// asynchronous invocation, like the L2 `LambdaFunctionAction`: Lambda retries a failed run twice and then
// drops it unless the function has a DLQ or an on-failure destination. The rule's `errorAction` does not
// cover that: it fires only when IoT cannot hand the message to Lambda, not when the function fails.
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The value at `key` of an object literal an expression holds. */
function prop(ctx: ModuleContext, node: Node | undefined, key: string): Node | undefined {
  return objectProps(ctx.valueOf(node))?.props.get(key);
}

/**
 * The function expressions (`fn`, `this.store.fn`) whose `functionArn` the Lambda actions of a
 * `CfnTopicRule` name; none for another construct, or an action naming an ARN that is not a function's.
 * @example
 * topicRuleFunctions(ctx, node, 'CfnTopicRule') // [`this.storeFn.fn`] for `functionArn: this.storeFn.fn.functionArn`
 */
export function topicRuleFunctions(ctx: ModuleContext, node: Node, kind: string): Node[] {
  if (kind !== 'CfnTopicRule') return [];
  const imp = ctx.importRoot(node.callee);
  const source = `${imp?.source ?? ''} ${imp?.imported ?? ''} ${memberPath(node.callee)?.join('.') ?? ''}`;
  if (!/aws[-_]iot/.test(source)) return [];
  const payload = prop(ctx, (node.arguments as Node[])[2], 'topicRulePayload');
  const actions = ctx.valueOf(prop(ctx, payload, 'actions'));
  if (actions?.type !== 'ArrayExpression') return [];
  const out: Node[] = [];
  for (const action of actions.elements as (Node | null)[]) {
    const arn = unwrap(prop(ctx, prop(ctx, action ?? undefined, 'lambda'), 'functionArn'));
    if (arn?.type !== 'MemberExpression') continue;
    if (propertyName(arn.property as Node, arn.computed as boolean) !== 'functionArn') continue;
    out.push(arn.object as Node);
  }
  return out;
}
