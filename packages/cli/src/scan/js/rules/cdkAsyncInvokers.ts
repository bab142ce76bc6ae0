import { memberPath, type Node, objectProps, stringValue } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { HandlerLink } from '../ModuleFacts.js';
import { asyncFailureKept } from './cdkAsyncFailureKept.js';
import { cdkConstruct } from './cdkConstructName.js';
import { handlerLink } from './cdkHandlers.js';
import { solutionsInvoked } from './cdkSolutionsInvokers.js';
import { eventSourceTarget } from './cdkSourceTarget.js';
import { topicRuleFunctions } from './cdkTopicRules.js';
import { type BuiltFunction, builtFunction } from './cdkWrappedFunctions.js';
import type { Report } from './Report.js';

/** The function an asynchronous invoker construct invokes. */
export function invoked(ctx: ModuleContext, node: Node, kind: string): { fn: Node | undefined } | undefined {
  const imp = ctx.importRoot(node.callee);
  // `aws-cdk-lib/aws-sns-subscriptions`, or `cdk.aws_sns_subscriptions.X` / `import { aws_sns_subscriptions }`
  // from 'aws-cdk-lib': the module named either way, with dashes.
  const source =
    `${imp?.source ?? ''} ${imp?.imported ?? ''} ${memberPath(node.callee)?.join('.') ?? ''}`.replace(
      /_/g,
      '-',
    );
  const args = node.arguments as Node[];
  if (kind === 'LambdaSubscription' && source.includes('aws-sns-subscriptions')) return { fn: args[0] };
  if (kind === 'LambdaDestination' && source.includes('aws-s3-notifications')) return { fn: args[0] };
  // A CloudWatch Logs subscription filter's and an IoT topic rule's Lambda action invoke asynchronously too.
  if (kind === 'LambdaDestination' && source.includes('aws-logs-destinations')) return { fn: args[0] };
  if (kind === 'LambdaFunctionAction' && source.includes('aws-iot-actions')) return { fn: args[0] };
  if (/^(SnsEventSource|S3EventSource(V2)?)$/.test(kind) && source.includes('aws-lambda-event-sources'))
    return { fn: eventSourceTarget(ctx, node) };
  if (kind === 'Lambda' && source.includes('aws-ses-actions')) {
    const props = objectProps(ctx.valueOf(args[0]))?.props;
    const type = props?.get('invocationType');
    // RequestResponse makes SES wait for the answer: a synchronous call, no async queue behind it.
    const sync = memberPath(type)?.at(-1) === 'REQUEST_RESPONSE' || stringValue(type) === 'RequestResponse';
    return sync ? undefined : { fn: props?.get('function') };
  }
  return undefined;
}

interface Invoked {
  readonly fn: BuiltFunction;
  readonly expr: Node;
  readonly kind: string;
  readonly at: Node;
  /** Where the handler lives, when the function is not a construct `expr` names (a pattern's own props). */
  readonly link?: HandlerLink | undefined;
}

/** The asynchronous invokers of the module whose function is built here with props it can read. */
function invokersOf(ctx: ModuleContext): Invoked[] {
  const out: Invoked[] = [];
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    if (kind === undefined) {
      const pattern = solutionsInvoked(ctx, node);
      if (pattern !== undefined) out.push({ ...pattern, at: node });
      continue;
    }
    for (const expr of topicRuleFunctions(ctx, node, kind)) {
      const fn = builtFunction(ctx, expr);
      if (fn !== undefined) out.push({ fn, expr, kind, at: node });
    }
    const target = invoked(ctx, node, kind);
    if (target?.fn === undefined) continue;
    // A subscription's own deadLetterQueue is not looked at: like an EventBridge target's (cdkAsyncTargets.ts)
    // it keeps only what SNS could not hand to Lambda, never a run that failed after Lambda took the event.
    // Only a function built in this module: one handed in is its builder's to judge.
    const fn = builtFunction(ctx, target.fn);
    if (fn !== undefined) out.push({ fn, expr: target.fn, kind, at: node });
  }
  return out;
}

/**
 * Reports each function of the module an SNS, S3 or SES invoker runs asynchronously with nowhere for
 * failures, and answers the functions it judged (reported or not), which no other invoker reports again.
 */
export function asyncInvokersWithoutDlq(ctx: ModuleContext, report: Report): ReadonlySet<Node> {
  const done = new Set<Node>();
  if (
    !/LambdaSubscription|EventSource|LambdaDestination|LambdaFunctionAction|CfnTopicRule|aws-ses-actions|ToLambda/.test(
      ctx.source,
    )
  )
    return done;
  const all = invokersOf(ctx);
  for (const invoker of all) {
    const { fn, expr, kind, at } = invoker;
    if (done.has(fn.node)) continue;
    done.add(fn.node);
    const uses = all.filter((i) => i.fn.node === fn.node).length;
    if (asyncFailureKept(ctx, fn, expr, uses)) continue;
    const link = 'link' in invoker ? invoker.link : handlerLink(ctx, expr, 'no-work');
    const { line } = ctx.position(at.start as number);
    report(
      'iac-missing-dlq',
      fn.node,
      `${fn.node === at ? `the function ${kind} builds from lambdaFunctionProps is invoked asynchronously and` : `function invoked asynchronously (${kind} at line ${line})`} has no deadLetterQueue or onFailure destination: events that still fail after Lambda's two retries are dropped`,
      link !== undefined ? { handlerLink: link } : undefined,
    );
  }
  return done;
}
