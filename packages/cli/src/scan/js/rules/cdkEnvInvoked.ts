// iac-missing-dlq for a CDK function whose name or ARN the stack hands to another function's environment
// (`environment: { DISPATCH_FN_ARN: dispatch.functionArn }`, `api.addEnvironment('DISPATCH_FN_ARN', ...)`)
// when that function's code invokes it asynchronously by the variable: an `Event` invoke, or a one-time
// schedule made at run time (`CreateScheduleCommand({ ScheduleExpression: 'at(...)', Target: { Arn:
// process.env.DISPATCH_FN_ARN } })`) or an unscheduled rule's PutTargets (js/rules/asyncInvokeEnv.ts); a
// recurring schedule is not, its next run being the retry. Lambda queues such an event, retries a failed run twice and drops it unless the
// function has a DLQ or an on-failure destination; a one-time schedule fires once, so nothing runs it again.
// The stack cannot see the code, so the finding waits on the project pass (onlyIfEnvInvoked), as a
// template's does (iac/cfnAsyncInvokers.ts).
import * as path from 'node:path';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { HandlerLink } from '../ModuleFacts.js';
import { asyncFailureKept } from './cdkAsyncFailureKept.js';
import { retriesOffCalls } from './cdkAsyncInvokeConfig.js';
import { envHandedFunctions } from './cdkEnvHanded.js';
import { handlerLink } from './cdkHandlers.js';
import { type BuiltFunction, builtFunction } from './cdkWrappedFunctions.js';
import type { Report } from './Report.js';

interface EnvInvoked {
  readonly fn: BuiltFunction;
  readonly expr: Node;
  readonly variables: Set<string>;
  /** The holders' handler folders and handlers: their code, and what it calls, is where the invoke must be. */
  readonly under: Set<string>;
  readonly handlers: Set<string>;
  uses: number;
}

/**
 * Reports each function built in this module that another function of the module is handed by variable,
 * kept only when the holder's code (its handler's folder, or a module its handler calls into) invokes by
 * that variable asynchronously. Run after every other async-invoker pass: a function one of them judged
 * (`judged`) is theirs, not reported again here. Returns the functions it judged, so the configureAsyncInvoke
 * pass after it does not report them again at the call.
 * @example
 * // campaigns.addEnvironment('DISPATCH_FN_ARN', dispatch.functionArn) and dispatch has no onFailure
 * // -> at `new NodejsFunction(this, 'Dispatch', ...)`, onlyIfEnvInvoked { variables: ['DISPATCH_FN_ARN'], under: ['/app/services/api/src'], handlers: ['/app/services/api/src/index.handler'] }
 */
export function envInvokedWithoutDlq(ctx: ModuleContext, report: Report, judged: ReadonlySet<Node>): Node[] {
  if (!/function(?:Name|Arn)/.test(ctx.source)) return [];
  const links = new Map<Node, HandlerLink | undefined>();
  const byFn = new Map<Node, EnvInvoked>();
  // A function with its async retries turned off is reported at that call, which needs no proof from its
  // holder's code: judged here, the function would go unreported whenever that proof fails.
  const retriesOff = new Set(retriesOffCalls(ctx).map(({ receiver }) => builtFunction(ctx, receiver)?.node));
  for (const { fn: expr, variable, holder } of envHandedFunctions(ctx)) {
    if (holder === undefined) continue;
    const fn = builtFunction(ctx, expr);
    if (fn === undefined || judged.has(fn.node) || retriesOff.has(fn.node)) continue;
    // The holder's handler: without it there is no code to look in.
    if (!links.has(holder)) links.set(holder, handlerLink(ctx, holder, 'no-work'));
    const link = links.get(holder);
    if (link === undefined) continue;
    const entry = byFn.get(fn.node) ?? {
      fn,
      expr,
      variables: new Set<string>(),
      under: new Set<string>(),
      handlers: new Set<string>(),
      uses: 0,
    };
    entry.variables.add(variable);
    entry.uses += 1;
    for (const stem of link.stems) {
      entry.under.add(path.dirname(stem));
      entry.handlers.add(`${stem}.${link.export}`);
    }
    byFn.set(fn.node, entry);
  }
  for (const [node, { fn, expr, variables, under, handlers, uses }] of byFn) {
    if (asyncFailureKept(ctx, fn, expr, uses)) continue;
    const link = handlerLink(ctx, expr, 'no-work');
    report(
      'iac-missing-dlq',
      node,
      `function invoked asynchronously by the code reading ${[...variables].join(', ')} (an Event invoke or a one-time schedule made at run time) has no deadLetterQueue or onFailure destination: a run that still fails after Lambda's two retries is dropped`,
      // Dropped as the other async invokers' are when the function's handler only logs.
      {
        onlyIfEnvInvoked: { variables: [...variables], under: [...under], handlers: [...handlers] },
        ...(link !== undefined ? { handlerLink: link } : {}),
      },
    );
  }
  return [...byFn.keys()];
}
