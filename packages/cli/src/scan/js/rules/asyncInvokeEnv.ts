// Functions invoked asynchronously through an environment variable: code sends `new InvokeCommand({
// FunctionName: process.env.NOTIFY_FN, InvocationType: 'Event' })` (or aws-sdk v2's `lambda.invoke({...})`)
// and the stack hands that variable a function's name or ARN (CDK `environment: { NOTIFY_FN:
// notify.functionName }`, `fn.addEnvironment('NOTIFY_FN', notify.functionArn)`; SAM in
// iac/unreadAnswerHandlers.ts). Lambda queues the event and discards the invoked function's answer, so
// that function joins the handlers nobody answers to (project.ts wireUnreadHandlers). A schedule or rule
// target made at run time with the function's ARN from such a variable invokes it the same way.
import { memberPath, type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import { envVariable } from '../envVariable.js';
import type { ModuleContext } from '../ModuleContext.js';
import { helperName, helperOf, paramNames } from './asyncInvokeNames.js';
import { envHandedFunctions } from './cdkEnvHanded.js';
import { handlerLink } from './cdkHandlers.js';
import type { Rule } from './Report.js';

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
    // `const { NOTIFY_FN } = process.env` read by name is the same variable as `process.env.NOTIFY_FN`.
    const name = envVariable(ctx, props.get('FunctionName'));
    if (name !== undefined) ctx.asyncInvokedEnv.push(name);
    else ctx.asyncInvokedEnv.push(...handedVariables(ctx, p, props.get('FunctionName')));
  }
}

/**
 * The variables the callers of a helper of this module hand the parameter its invoke names the function
 * by: `async function invokeLambda(functionName, payload) { ... FunctionName: functionName, InvocationType:
 * 'Event' }` called as `invokeLambda(process.env.EXECUTOR_FN || 'Executor', body)`, the usual wrapper. A
 * fallback after `||` or `??` names a function only when the variable is unset.
 */
function handedVariables(ctx: ModuleContext, at: Node, value: Node | undefined): string[] {
  const id = unwrap(value);
  const helper = helperOf(ctx, at, value);
  if (id?.type !== 'Identifier' || helper === undefined) return [];
  const index = paramNames(helper).indexOf(id.name as string);
  const name = helperName(ctx, helper);
  if (index === -1 || name === undefined) return [];
  const out: string[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'Identifier' || callee.name !== name) continue;
    let arg = unwrap((call.arguments as Node[])[index]);
    if (arg?.type === 'LogicalExpression' && arg.operator !== '&&') arg = unwrap(arg.left as Node);
    const variable = envVariable(ctx, arg);
    if (variable !== undefined) out.push(variable);
  }
  return out;
}

/** A schedule expression that fires once: `at(2026-01-01T09:00:00)`, or a template string starting so. */
function firesOnce(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(ctx.valueOf(node));
  const text = n?.type === 'TemplateLiteral' ? n.quasis[0]?.value?.cooked : stringValue(n);
  return typeof text === 'string' && /^\s*at\(/.test(text);
}

/** Whether some `PutRule` of the module sets a `ScheduleExpression`: its targets then run on a schedule. */
function putsScheduledRule(ctx: ModuleContext): boolean {
  if (!/\b[Pp]utRule/.test(ctx.source)) return false;
  return ctx
    .of('Property')
    .some((p) => propertyName(p.key as Node, p.computed as boolean) === 'ScheduleExpression');
}

/**
 * `Target: { Arn: process.env.X }` of a one-time EventBridge Scheduler schedule made at run time
 * (`CreateScheduleCommand` with `ScheduleExpression: 'at(...)'`), or `Targets: [{ Arn }]` of an EventBridge
 * rule's `PutTargets` when no `PutRule` of the module sets a schedule: both invoke a function asynchronously
 * and read no answer, like an `Event` invoke. A recurring `rate()`/`cron()` schedule is not noted: its next
 * run is the retry, as iac-missing-dlq exempts scheduled rules.
 */
function noteTargetArns(ctx: ModuleContext): void {
  let scheduledRule: boolean | undefined;
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node, p.computed as boolean) !== 'Arn') continue;
    const holder = ctx.parentOf(ctx.parentOf(p) as Node);
    const list = holder?.type === 'ArrayExpression' ? ctx.parentOf(holder) : undefined;
    const key = (n: Node | undefined) =>
      n?.type === 'Property' ? propertyName(n.key as Node, n.computed as boolean) : undefined;
    let recurring: boolean;
    if (key(holder) === 'Target') {
      const schedule = objectProps(ctx.parentOf(holder as Node))?.props.get('ScheduleExpression');
      recurring = !firesOnce(ctx, schedule);
    } else if (key(list) === 'Targets') {
      scheduledRule ??= putsScheduledRule(ctx);
      recurring = scheduledRule;
    } else continue;
    const name = envVariable(ctx, p.value as Node);
    // A recurring target's answer is unread all the same (unreadHandlers.ts), but its next run is the retry.
    if (name !== undefined) (recurring ? ctx.scheduledInvokedEnv : ctx.asyncInvokedEnv).push(name);
  }
}

/** Notes each environment variable this module's CDK code sets to a function's name or ARN, with its handler. */
function noteEnvFunctions(ctx: ModuleContext): void {
  for (const { fn, variable } of envHandedFunctions(ctx)) {
    const link = handlerLink(ctx, fn, 'no-work');
    if (link !== undefined)
      for (const stem of link.stems) ctx.envFunctions.push([variable, `${stem}.${link.export}`]);
  }
}

/**
 * @example
 * // new InvokeCommand({ FunctionName: process.env.NOTIFY_FN, InvocationType: 'Event' }) -> ctx.asyncInvokedEnv ['NOTIFY_FN']
 * // environment: { NOTIFY_FN: notify.functionName }                                       -> ctx.envFunctions [['NOTIFY_FN', '/app/notify.handler']]
 */
export const asyncInvokeEnvRules: Rule = (ctx) => {
  if (ctx.spells('InvocationType') && ctx.spells('process.env')) noteAsyncInvokes(ctx);
  // The cheap word first: the whole-text expression runs only where process.env is read.
  if (ctx.spells('process.env') && /\bTargets?\b/.test(ctx.source)) noteTargetArns(ctx);
  if (ctx.spells('aws-cdk') && /function(?:Name|Arn)/.test(ctx.source)) noteEnvFunctions(ctx);
};
