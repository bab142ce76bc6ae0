// iac-missing-dlq for a CDK function whose name or ARN the stack hands to another function's environment
// (`environment: { DISPATCH_FN_ARN: dispatch.functionArn }`, `api.addEnvironment('DISPATCH_FN_ARN', ...)`)
// when that function's code invokes it asynchronously by the variable: an `Event` invoke, or a schedule or
// rule target made at run time (`CreateScheduleCommand({ Target: { Arn: process.env.DISPATCH_FN_ARN } })`,
// js/rules/asyncInvokeEnv.ts). Lambda queues such an event, retries a failed run twice and drops it unless the
// function has a DLQ or an on-failure destination; a one-time schedule fires once, so nothing runs it again.
// The stack cannot see the code, so the finding waits on the project pass (onlyIfEnvInvoked), as a
// template's does (iac/cfnAsyncInvokers.ts).
import * as path from 'node:path';
import { memberPath, type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { asyncInvokeConfigured, functionHasAsyncDlq, handlerLink } from './cdkHandlers.js';
import { builtFunction, builtProps } from './cdkWrappedFunctions.js';
import type { Report } from './Report.js';

/** The function whose `functionName` or `functionArn` a value reads (`dispatch.functionArn`). */
function namedFunction(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  const v = unwrap(ctx.valueOf(value));
  if (v?.type !== 'MemberExpression') return undefined;
  const field = propertyName(v.property as Node, false);
  return field === 'functionName' || field === 'functionArn' ? (v.object as Node) : undefined;
}

interface Handed {
  readonly fn: Node;
  readonly variable: string;
  /** The function whose environment holds the variable: its code is where the invoke must be. */
  readonly holder: Node;
}

/** Each variable of a function's environment that names another function, with the function holding it. */
function handedFunctions(ctx: ModuleContext): Handed[] {
  const out: Handed[] = [];
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node, p.computed as boolean) !== 'environment') continue;
    // `new NodejsFunction(this, id, { ..., environment })`: the construct the props are written into.
    const holder = ctx.parentOf(ctx.parentOf(p) as Node);
    if (holder?.type !== 'NewExpression') continue;
    for (const [variable, value] of objectProps(ctx.valueOf(p.value as Node))?.props ?? []) {
      const fn = namedFunction(ctx, value);
      if (fn !== undefined) out.push({ fn, variable, holder });
    }
  }
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (
      callee?.type !== 'MemberExpression' ||
      propertyName(callee.property as Node, false) !== 'addEnvironment'
    )
      continue;
    const [key, value] = call.arguments as Node[];
    const variable = stringValue(ctx.valueOf(key));
    const fn = namedFunction(ctx, value);
    if (variable !== undefined && fn !== undefined) out.push({ fn, variable, holder: callee.object as Node });
  }
  return out;
}

/**
 * Reports each function built in this module that another function of the module is handed by variable,
 * kept only when code under the holder's handler folder invokes by that variable asynchronously.
 * @example
 * // campaigns.addEnvironment('DISPATCH_FN_ARN', dispatch.functionArn) and dispatch has no onFailure
 * // -> at `new NodejsFunction(this, 'Dispatch', ...)`, onlyIfEnvInvoked { variables: ['DISPATCH_FN_ARN'], under: ['/app/services/api/src'] }
 */
export function envInvokedWithoutDlq(ctx: ModuleContext, report: Report, settled: ReadonlySet<Node>): void {
  if (!/function(?:Name|Arn)/.test(ctx.source)) return;
  const byFn = new Map<Node, { expr: Node; variables: Set<string>; under: Set<string> }>();
  for (const { fn: expr, variable, holder } of handedFunctions(ctx)) {
    const fn = builtFunction(ctx, expr);
    // The holder's handler folder: without it there is no code to look in.
    const link = handlerLink(ctx, holder, 'no-work');
    if (fn === undefined || settled.has(fn.node) || link === undefined) continue;
    const entry = byFn.get(fn.node) ?? { expr, variables: new Set(), under: new Set() };
    entry.variables.add(variable);
    for (const stem of link.stems) entry.under.add(path.dirname(stem));
    byFn.set(fn.node, entry);
  }
  for (const [node, { expr, variables, under }] of byFn) {
    const fn = builtFunction(ctx, expr);
    const open = fn === undefined ? undefined : builtProps(ctx, fn);
    if (open === undefined || open.unknown || open.fromCaller.length > 0) continue;
    const fnName = memberPath(unwrap(expr))?.join('.');
    if (functionHasAsyncDlq({ props: open.props, spread: false }) || asyncInvokeConfigured(ctx, fnName))
      continue;
    const link = handlerLink(ctx, expr, 'no-work');
    report(
      'iac-missing-dlq',
      node,
      `function invoked asynchronously by the code reading ${[...variables].join(', ')} (an Event invoke or a schedule made at run time) has no deadLetterQueue or onFailure destination: a run that still fails after Lambda's two retries is dropped`,
      // Dropped as the other async invokers' are when the function's handler only logs.
      {
        onlyIfEnvInvoked: { variables: [...variables], under: [...under] },
        ...(link !== undefined ? { handlerLink: link } : {}),
      },
    );
  }
}
