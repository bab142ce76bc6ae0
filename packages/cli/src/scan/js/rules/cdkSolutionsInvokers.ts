// The function an aws-solutions-constructs pattern has a service invoke asynchronously: `IotToLambda` (and
// `IotToLambdaToDynamoDB`, built on it) adds a topic rule whose Lambda action is the function, `SnsToLambda`
// subscribes it to a topic, `S3ToLambda` to a bucket's notifications, `EventbridgeToLambda` makes it a rule's
// target. Each is an asynchronous invocation: Lambda retries a failed run twice, then drops the event unless the
// function has a DLQ or an on-failure destination, and none of these patterns gives it one. The function is
// handed in (`existingLambdaObj`) or built by the pattern from `lambdaFunctionProps`, where the fix goes.
// `SqsToLambda` and the stream patterns poll instead (cdkSolutionsConsumers.ts).
import { memberPath, type Node, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { HandlerLink } from '../ModuleFacts.js';
import { asyncInvokeConfigured, handlerLink, handlerLinkOfProps } from './cdkHandlers.js';
import { type BuiltFunction, builtFunction } from './cdkWrappedFunctions.js';

/** The patterns whose service invokes the function asynchronously. */
const ASYNC_PATTERN = /^(IotToLambda|IotToLambdaToDynamoDB|SnsToLambda|S3ToLambda|EventbridgeToLambda)$/;

/** The pattern's class name when `node` builds one imported from `@aws-solutions-constructs/*`. */
export function solutionsPattern(ctx: ModuleContext, node: Node): string | undefined {
  const imp = ctx.importRoot(node.callee as Node);
  if (imp === undefined || !imp.source.startsWith('@aws-solutions-constructs/')) return undefined;
  return imp.imported === 'default' || imp.imported === '*' ? memberPath(node.callee)?.at(-1) : imp.imported;
}

/**
 * A function a pattern invokes asynchronously: the construct to judge, the expression naming it (for the
 * checks that look for its later `configureAsyncInvoke`) and where its handler lives.
 */
export interface SolutionsInvoked {
  readonly fn: BuiltFunction;
  readonly expr: Node;
  readonly kind: string;
  readonly link: HandlerLink | undefined;
}

/** The name of the local a `new` expression is kept in (`const alerts = new IotToLambda(...)`). */
function keptIn(ctx: ModuleContext, node: Node): string | undefined {
  const parent = ctx.parentOf(node);
  return parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier'
    ? (parent.id.name as string)
    : undefined;
}

/**
 * The function an asynchronous pattern built at `node` invokes, when this module builds it: a function handed
 * in as `existingLambdaObj` and built here, or the one the pattern builds from its `lambdaFunctionProps`
 * (judged at the pattern, whose props are the fix's place). A pattern on a schedule (`EventbridgeToLambda`
 * with `eventRuleProps: { schedule }`) needs nothing: its next run is the retry.
 * @example
 * solutionsInvoked(ctx, node) // new IotToLambda(stack, id, { existingLambdaObj: fn, iotTopicRuleProps }) -> fn
 */
export function solutionsInvoked(ctx: ModuleContext, node: Node): SolutionsInvoked | undefined {
  const kind = solutionsPattern(ctx, node);
  if (kind === undefined || !ASYNC_PATTERN.test(kind)) return undefined;
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props;
  if (props === undefined) return undefined;
  const rule = objectProps(ctx.valueOf(props.get('eventRuleProps')));
  if (rule?.props.has('schedule')) return undefined;
  const given = props.get('existingLambdaObj');
  if (given !== undefined) {
    const fn = builtFunction(ctx, given);
    return fn === undefined ? undefined : { fn, expr: given, kind, link: handlerLink(ctx, given, 'no-work') };
  }
  const own = props.get('lambdaFunctionProps');
  const ownProps = objectProps(ctx.valueOf(own));
  if (own === undefined || ownProps === undefined) return undefined;
  // The pattern hands its function out as `.lambdaFunction`: a later `configureAsyncInvoke({ onFailure })`
  // on it keeps the failed events.
  const held = keptIn(ctx, node);
  if (held !== undefined && asyncInvokeConfigured(ctx, `${held}.lambdaFunction`)) return undefined;
  return {
    fn: { node, propsArg: own, wrapper: false },
    expr: own,
    kind,
    link: handlerLinkOfProps(ctx, ownProps, 'no-work'),
  };
}
