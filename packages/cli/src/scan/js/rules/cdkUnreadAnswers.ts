// CDK code that wires a function to an invoker that reads no answer from it: an EventBridge rule with a
// `schedule` (cdkEventWired.ts leaves schedules out: nothing redelivers a run), the EventBridge Scheduler
// (`CfnSchedule` whose target is the function's ARN, `new Schedule({ target: new LambdaInvoke(fn) })`), a
// Step Functions `LambdaInvoke` task (the state's Retry and Catch act on a thrown error only), and the
// asynchronous invokers cdkAsyncInvokers.ts knows (SNS, S3, CloudWatch Logs, IoT, SES). A function that
// answers a failure as a value there reports success (js/rules/unreadFailureAnswer.ts).
import { type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { invoked } from './cdkAsyncInvokers.js';
import { cdkConstruct } from './cdkConstructName.js';
import { handlerLink } from './cdkHandlers.js';
import { onScheduledRule } from './cdkScheduledRules.js';

/** `fn.functionArn` (or `fn.latestVersion.functionArn`): the function whose ARN a target names. */
function arnOwner(node: Node | undefined): Node | undefined {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression' || propertyName(n.property as Node, false) !== 'functionArn')
    return undefined;
  return n.object as Node;
}

/** The function node a construct hands an invocation to, when its caller reads no answer from it. */
function unreadTarget(ctx: ModuleContext, node: Node, kind: string): Node | undefined {
  const args = node.arguments as Node[];
  const source = ctx.importRoot(node.callee)?.source ?? '';
  if (kind === 'LambdaFunction') return onScheduledRule(ctx, node) ? unwrap(args[0]) : undefined;
  // A Step Functions task (scope, id, props) or an EventBridge Scheduler target (fn, props).
  if (kind === 'LambdaInvoke')
    return args.length >= 3 || /stepfunctions/.test(source)
      ? objectProps(ctx.valueOf(args[2]))?.props.get('lambdaFunction')
      : unwrap(args[0]);
  if (kind === 'CfnSchedule') {
    const target = objectProps(ctx.valueOf(args[2]))?.props.get('target');
    return arnOwner(objectProps(ctx.valueOf(target))?.props.get('arn'));
  }
  return invoked(ctx, node, kind)?.fn;
}

/**
 * Notes, in `ctx.unreadHandlers`, the handler of each function this module's constructs hand to such an
 * invoker.
 * @example
 * // new events.Rule(this, 'Nightly', { schedule, targets: [new targets.LambdaFunction(fn)] }) -> fn's handler noted
 * // new tasks.LambdaInvoke(this, 'Settle', { lambdaFunction: fn })                           -> noted
 */
export function noteUnreadAnswers(ctx: ModuleContext): void {
  if (
    !/LambdaFunction|LambdaInvoke|CfnSchedule|LambdaSubscription|EventSource|LambdaDestination|LambdaFunctionAction|aws-ses-actions/.test(
      ctx.source,
    )
  )
    return;
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    const fn = kind === undefined ? undefined : unreadTarget(ctx, node, kind);
    const link = fn === undefined ? undefined : handlerLink(ctx, fn, 'no-work');
    if (link !== undefined) for (const stem of link.stems) ctx.unreadHandlers.push(`${stem}.${link.export}`);
  }
}
