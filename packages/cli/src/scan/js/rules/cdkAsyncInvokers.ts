// iac-missing-dlq for CDK functions invoked asynchronously by something other than an EventBridge rule
// (cdkAsyncTargets.ts judges those): an SNS subscription (`new LambdaSubscription(fn)`, `fn.addEventSource(new
// SnsEventSource(topic))`), an S3 notification (`new LambdaDestination(fn)` from aws-s3-notifications,
// `new S3EventSource(bucket)`), a CloudWatch Logs subscription (`new LambdaDestination(fn)` from
// aws-logs-destinations), an IoT rule's `new LambdaFunctionAction(fn)` or L1 `CfnTopicRule` Lambda action
// (cdkTopicRules.ts) and an SES receipt rule's Lambda action (`new actions.Lambda({ function })`,
// whose invocation type defaults to Event). Lambda queues such an event, retries a failed run twice and then
// drops it unless the function has a DLQ or an on-failure destination; a subscription's `deadLetterQueue`
// keeps only messages SNS could not deliver, so it does not stand in for either. Reported once per function, at the
// function's construct, as for Terraform: the fix goes there and covers every invoker.
import { escapeRegExp } from '../../escapeRegExp.js';
import {
  memberPath,
  type Node,
  numberValue,
  objectProps,
  propertyName,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { eventSourceTarget } from './cdk.js';
import { cdkConstruct } from './cdkConstructName.js';
import { onlyPushesInCdk } from './cdkEphemeralTargets.js';
import { asyncInvokeConfigured, functionHasAsyncDlq, handlerLink } from './cdkHandlers.js';
import { topicRuleFunctions } from './cdkTopicRules.js';
import { type BuiltFunction, builtFunction, builtProps } from './cdkWrappedFunctions.js';
import type { Report } from './Report.js';
import { saysWhy } from './saysWhy.js';

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

/**
 * `retryAttempts: 0` with a comment giving the reason, on the function or in its `configureAsyncInvoke`:
 * the project decided that a failed event is not run again, so a place to park it was considered.
 */
function decidedNoRetry(ctx: ModuleContext, fnProps: Map<string, Node>, fnName: string | undefined): boolean {
  const zero = (n: Node | undefined) => n !== undefined && numberValue(n) === 0;
  const own = fnProps.get('retryAttempts');
  if (zero(own) && saysWhy(ctx, ctx.parentOf(own as Node) ?? (own as Node))) return true;
  if (fnName === undefined) return false;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (
      callee?.type !== 'MemberExpression' ||
      propertyName(callee.property as Node, false) !== 'configureAsyncInvoke'
    )
      continue;
    if (memberPath(callee.object as Node)?.join('.') !== fnName) continue;
    const retry = objectProps(ctx.valueOf((call.arguments as Node[])[0]))?.props.get('retryAttempts');
    if (zero(retry) && saysWhy(ctx, ctx.parentOf(retry as Node) ?? (retry as Node))) return true;
  }
  return false;
}

/**
 * The function held in the local `fnName` is given nothing in this module beyond its invokers: no role, no
 * policy, no environment, no grant and no other use of its name. Its AWS calls would be denied and it knows
 * no endpoint, so all it can do with an event is read it and log: a dropped event loses no work.
 */
function givenNothing(
  ctx: ModuleContext,
  fnName: string | undefined,
  fnProps: Map<string, Node>,
  uses: number,
): boolean {
  if (fnName === undefined || !/^[\w$]+$/.test(fnName)) return false;
  if (['role', 'initialPolicy', 'environment', 'vpc'].some((k) => fnProps.has(k))) return false;
  const named = ctx.source.match(new RegExp(`(?<![\\w$.])${escapeRegExp(fnName)}(?![\\w$])`, 'g'));
  // its declaration and the invokers, nothing else
  return (named?.length ?? 0) <= uses + 1;
}

interface Invoked {
  readonly fn: BuiltFunction;
  readonly expr: Node;
  readonly kind: string;
  readonly at: Node;
}

/** The asynchronous invokers of the module whose function is built here with props it can read. */
function invokersOf(ctx: ModuleContext): Invoked[] {
  const out: Invoked[] = [];
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    if (kind === undefined) continue;
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
    !/LambdaSubscription|EventSource|LambdaDestination|LambdaFunctionAction|CfnTopicRule|aws-ses-actions/.test(
      ctx.source,
    )
  )
    return done;
  const all = invokersOf(ctx);
  for (const { fn, expr, kind, at } of all) {
    if (done.has(fn.node)) continue;
    done.add(fn.node);
    const fnOpen = builtProps(ctx, fn);
    if (fnOpen === undefined || fnOpen.unknown || fnOpen.fromCaller.length > 0) continue;
    const fnProps = { props: fnOpen.props, spread: false };
    const fnName = memberPath(unwrap(expr))?.join('.');
    if (functionHasAsyncDlq(fnProps) || asyncInvokeConfigured(ctx, fnName)) continue;
    if (decidedNoRetry(ctx, fnOpen.props, fnName) || onlyPushesInCdk(ctx, fnName, fnProps)) continue;
    const uses = all.filter((i) => i.fn.node === fn.node).length;
    if (givenNothing(ctx, fnName, fnOpen.props, uses)) continue;
    const link = handlerLink(ctx, expr, 'no-work');
    const { line } = ctx.position(at.start as number);
    report(
      'iac-missing-dlq',
      fn.node,
      `function invoked asynchronously (${kind} at line ${line}) has no deadLetterQueue or onFailure destination: events that still fail after Lambda's two retries are dropped`,
      link !== undefined ? { handlerLink: link } : undefined,
    );
  }
  return done;
}
