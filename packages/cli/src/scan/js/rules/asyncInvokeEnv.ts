// Functions invoked asynchronously through an environment variable: code sends `new InvokeCommand({
// FunctionName: process.env.NOTIFY_FN, InvocationType: 'Event' })` (or aws-sdk v2's `lambda.invoke({...})`)
// and the stack hands that variable a function's name or ARN (CDK `environment: { NOTIFY_FN:
// notify.functionName }`, `fn.addEnvironment('NOTIFY_FN', notify.functionArn)`; SAM in
// iac/unreadAnswerHandlers.ts). Lambda queues the event and discards the invoked function's answer, so
// that function joins the handlers nobody answers to (project.ts wireUnreadHandlers). A schedule or rule
// target made at run time with the function's ARN from such a variable invokes it the same way.
import { memberPath, type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { handlerLink } from './cdkHandlers.js';
import type { Rule } from './Report.js';

/** The variable `process.env.X` (or `process.env['X']`) names, through a local constant. */
function envName(ctx: ModuleContext, node: Node | undefined): string | undefined {
  const n = ctx.valueOf(node);
  if (n?.type !== 'MemberExpression' || memberPath(n.object as Node)?.join('.') !== 'process.env')
    return undefined;
  return propertyName(n.property as Node, n.computed as boolean) ?? stringValue(n.property as Node);
}

/** `'Event'` or the SDK's `InvocationType.Event`. */
function isEvent(node: Node | undefined): boolean {
  const n = unwrap(node);
  return stringValue(n) === 'Event' || (n?.type === 'MemberExpression' && memberPath(n)?.at(-1) === 'Event');
}

/** Notes the variables this module's asynchronous invocations take the function's name from. */
function noteAsyncInvokes(ctx: ModuleContext): void {
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node, p.computed as boolean) !== 'InvocationType') continue;
    const props = objectProps(ctx.parentOf(p))?.props;
    if (props === undefined || !isEvent(props.get('InvocationType'))) continue;
    const name = envName(ctx, props.get('FunctionName'));
    if (name !== undefined) ctx.asyncInvokedEnv.push(name);
  }
}

/**
 * `Target: { Arn: process.env.X }` of an EventBridge Scheduler schedule made at run time
 * (`CreateScheduleCommand`, `scheduler.createSchedule`), or `Targets: [{ Arn }]` of an EventBridge rule's
 * `PutTargets`: both invoke a function asynchronously and read no answer, like an `Event` invoke.
 */
function noteTargetArns(ctx: ModuleContext): void {
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node, p.computed as boolean) !== 'Arn') continue;
    const holder = ctx.parentOf(ctx.parentOf(p) as Node);
    const list = holder?.type === 'ArrayExpression' ? ctx.parentOf(holder) : undefined;
    const key = (n: Node | undefined) =>
      n?.type === 'Property' ? propertyName(n.key as Node, n.computed as boolean) : undefined;
    if (key(holder) !== 'Target' && key(list) !== 'Targets') continue;
    const name = envName(ctx, p.value as Node);
    if (name !== undefined) ctx.asyncInvokedEnv.push(name);
  }
}

/** The function whose `functionName` or `functionArn` a value reads (`notify.functionArn`). */
function namedFunction(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  const v = ctx.valueOf(value);
  if (v?.type !== 'MemberExpression') return undefined;
  const field = propertyName(v.property as Node, false);
  return field === 'functionName' || field === 'functionArn' ? (v.object as Node) : undefined;
}

/** Notes each environment variable this module's CDK code sets to a function's name or ARN, with its handler. */
function noteEnvFunctions(ctx: ModuleContext): void {
  const note = (key: string | undefined, value: Node | undefined) => {
    const fn = key === undefined ? undefined : namedFunction(ctx, value);
    const link = fn === undefined ? undefined : handlerLink(ctx, fn, 'no-work');
    if (link !== undefined)
      for (const stem of link.stems) ctx.envFunctions.push([key as string, `${stem}.${link.export}`]);
  };
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node, p.computed as boolean) !== 'environment') continue;
    for (const [key, value] of objectProps(ctx.valueOf(p.value as Node))?.props ?? []) note(key, value);
  }
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (
      callee?.type !== 'MemberExpression' ||
      propertyName(callee.property as Node, false) !== 'addEnvironment'
    )
      continue;
    const [key, value] = call.arguments as Node[];
    note(stringValue(ctx.valueOf(key)), value);
  }
}

/**
 * @example
 * // new InvokeCommand({ FunctionName: process.env.NOTIFY_FN, InvocationType: 'Event' }) -> ctx.asyncInvokedEnv ['NOTIFY_FN']
 * // environment: { NOTIFY_FN: notify.functionName }                                       -> ctx.envFunctions [['NOTIFY_FN', '/app/notify.handler']]
 */
export const asyncInvokeEnvRules: Rule = (ctx) => {
  if (ctx.spells('InvocationType') && ctx.spells('process.env')) noteAsyncInvokes(ctx);
  if (/\bTargets?\b/.test(ctx.source) && ctx.spells('process.env')) noteTargetArns(ctx);
  if (ctx.spells('aws-cdk') && /function(?:Name|Arn)/.test(ctx.source)) noteEnvFunctions(ctx);
};
