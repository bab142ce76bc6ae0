// The consumer function of an aws-solutions-constructs pattern that ends in a queue polled by Lambda
// (`SqsToLambda`, `LambdaToSqsToLambda`, `SnsToSqsToLambda`, ...): the pattern wires it to its queue
// with `sqsEventSourceProps` handed to `new SqsEventSource(...)` unchanged (the CDK default batch of 10
// when none is given). The consumer is built from props (`lambdaFunctionProps`, or
// `consumerLambdaFunctionProps` when a producer function comes first) or handed in
// (`existingLambdaObj` / `existingConsumerLambdaObj`), possibly as another pattern's `lambdaFunction`,
// which is the function that pattern was handed (`ruleToLambda.lambdaFunction` of an
// `EventbridgeToLambda` given `existingLambdaObj: this.fn`).
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { HandlerLink } from '../ModuleFacts.js';
import { fieldConstruct, functionConstruct, handlerLinkOfProps } from './cdkHandlers.js';
import { solutionsPattern } from './cdkSolutionsInvokers.js';

const CONSUMING = /SqsToLambda$/;

/** The props a function expression was built with: a construct, a class field, or a pattern's function. */
function functionProps(
  ctx: ModuleContext,
  expr: Node | undefined,
  depth: number,
): ReturnType<typeof objectProps> {
  if (depth > 3 || expr === undefined) return undefined;
  const built = functionConstruct(ctx, expr) ?? fieldConstruct(ctx, unwrap(expr) ?? expr);
  if (built !== undefined) return built.props;
  // `pattern.lambdaFunction`: the function the pattern was handed, or built from its props.
  const n = unwrap(expr);
  if (n?.type !== 'MemberExpression' || memberPath(n)?.at(-1) !== 'lambdaFunction') return undefined;
  const pattern = ctx.valueOf(n.object as Node);
  if (pattern?.type !== 'NewExpression' || solutionsPattern(ctx, pattern) === undefined) return undefined;
  const props = objectProps(ctx.valueOf((pattern.arguments as Node[])[2]))?.props;
  const given = props?.get('existingLambdaObj');
  if (given !== undefined) return functionProps(ctx, given, depth + 1);
  const own = props?.get('lambdaFunctionProps');
  return own !== undefined ? objectProps(ctx.valueOf(own)) : undefined;
}

/**
 * Where the consumer's handler lives when `node` builds a pattern that ends in a queue polled by Lambda,
 * and its event source's options.
 * @example
 * solutionsConsumer(ctx, node, 'no-work') // new LambdaToSqsToLambda(this, id, { existingConsumerLambdaObj: fn }) -> fn's handler
 */
export function solutionsConsumer(
  ctx: ModuleContext,
  node: Node,
  clearWhen: HandlerLink['clearWhen'],
): { readonly link: HandlerLink; readonly source: Node | undefined } | undefined {
  const pattern = solutionsPattern(ctx, node);
  if (pattern === undefined || !CONSUMING.test(pattern)) return undefined;
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props;
  if (props === undefined) return undefined;
  const two = pattern !== 'SqsToLambda' && pattern.startsWith('LambdaTo');
  const given = props.get(two ? 'existingConsumerLambdaObj' : 'existingLambdaObj');
  const own = props.get(two ? 'consumerLambdaFunctionProps' : 'lambdaFunctionProps');
  const fnProps =
    given !== undefined
      ? functionProps(ctx, given, 0)
      : own !== undefined
        ? objectProps(ctx.valueOf(own))
        : undefined;
  const link = handlerLinkOfProps(ctx, fnProps, clearWhen);
  return link === undefined ? undefined : { link, source: props.get('sqsEventSourceProps') };
}
