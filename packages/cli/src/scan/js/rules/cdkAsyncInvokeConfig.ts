// iac-missing-dlq at a CDK function's own async-invoke configuration, `fn.configureAsyncInvoke({ retryAttempts:
// 0 })` with no `onFailure`: turning retries off makes the first failure final, and with no destination and no
// DLQ on the function AWS sends the failed event nowhere, so a failed asynchronous run leaves only a log line.
// A comment giving the reason for retries off explains the retries, not where the failed event goes: it does
// not clear the finding. The call itself is taken as the evidence of asynchronous use (nobody configures async
// retries of a function nothing invokes asynchronously). A configuration that keeps retries, or only shortens
// `maxEventAge` (a stale event deliberately worthless), is not read here.
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
import { asyncFailureKept } from './cdkAsyncFailureKept.js';
import { asyncInvokeConfigured } from './cdkHandlers.js';
import { onlySyncOrScheduled } from './cdkSyncTriggered.js';
import { builtFunction } from './cdkWrappedFunctions.js';
import type { Report } from './Report.js';

/** A version of a function carries the function's own DeadLetterConfig: judged as the function. */
const VERSION = /^(currentVersion|latestVersion)$/;

/**
 * The `backend.<name>.resources.lambda` of an Amplify Gen 2 backend (`const backend = defineBackend({...})`):
 * a function `defineFunction` builds, which takes no DLQ or destination, so the module configuring it here is
 * the one place either could be added.
 * @example
 * amplifyLambda(ctx, receiver) // true for `backend.buildPlan.resources.lambda`
 */
function amplifyLambda(ctx: ModuleContext, receiver: Node): boolean {
  const path = memberPath(receiver);
  if (path === undefined || path.length < 4 || path.at(-2) !== 'resources' || path.at(-1) !== 'lambda')
    return false;
  let root: Node | undefined = receiver;
  while (root?.type === 'MemberExpression') root = unwrap(root.object as Node);
  const init = unwrap(ctx.valueOf(root));
  return init?.type === 'CallExpression' && memberPath(init.callee as Node)?.at(-1) === 'defineBackend';
}

/**
 * Does a `DeadLetterConfig` property override (`(cfn as CfnFunction).addPropertyOverride('DeadLetterConfig',
 * ...)`) reach the Amplify function at `path`? One whose receiver is `<path>.node.defaultChild`, directly or
 * through a local, reaches only that function; one whose receiver the scan cannot trace (a loop variable, a
 * helper's parameter) may reach any.
 */
function deadLetterOverridden(ctx: ModuleContext, path: string): boolean {
  if (!ctx.source.includes('DeadLetterConfig')) return false;
  return ctx.of('CallExpression').some((call) => {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') return false;
    if (propertyName(callee.property as Node, false) !== 'addPropertyOverride') return false;
    const key = stringValue(ctx.valueOf((call.arguments as Node[])[0]));
    if (key === undefined || !/^DeadLetterConfig\b/.test(key)) return false;
    const target = memberPath(ctx.valueOf(callee.object as Node));
    if (target === undefined || target.at(-2) !== 'node' || target.at(-1) !== 'defaultChild') return true;
    return target.slice(0, -2).join('.') === path;
  });
}

/**
 * Whether the function configured by a `configureAsyncInvoke` call on `receiver` keeps or need not keep its
 * failed events: decided as at its construct (asyncFailureKept) when the module builds it, and always for a
 * receiver the module does not build (a loop variable, a caller's `props.worker`, an Alias), whose DLQ the
 * scan cannot see, except an Amplify `resources.lambda`, which cannot have one. Nor need it when the module
 * shows it invoked only synchronously or on a schedule (cdkSyncTriggered.ts).
 */
function failureKept(ctx: ModuleContext, receiver: Node, judged: ReadonlySet<Node>): boolean {
  // `const l = backend.a.resources.lambda; l.configureAsyncInvoke(...)`: the alias is the same function.
  const held = receiver.type === 'Identifier' ? unwrap(ctx.valueOf(receiver)) : undefined;
  const amplify = held?.type === 'MemberExpression' && amplifyLambda(ctx, held) ? held : receiver;
  if (amplifyLambda(ctx, amplify)) {
    const path = memberPath(amplify)?.join('.') ?? '';
    // Another configureAsyncInvoke with onFailure, or a DeadLetterConfig override on its own CfnFunction.
    return (
      asyncInvokeConfigured(ctx, memberPath(receiver)?.join('.')) ||
      asyncInvokeConfigured(ctx, path) ||
      deadLetterOverridden(ctx, path) ||
      onlySyncOrScheduled(ctx, amplify, undefined)
    );
  }
  const fnExpr =
    receiver.type === 'MemberExpression' && VERSION.test(propertyName(receiver.property as Node, false) ?? '')
      ? unwrap(receiver.object as Node)
      : receiver;
  const fn = builtFunction(ctx, fnExpr);
  // Judged at its construct already (reported there or not): one function, one finding.
  if (fn === undefined || judged.has(fn.node)) return true;
  // Retries off on a function nothing here invokes asynchronously: a setting that never applies.
  if (onlySyncOrScheduled(ctx, fnExpr ?? receiver, fn)) return true;
  return asyncFailureKept(ctx, fn, fnExpr ?? receiver);
}

/**
 * Each `configureAsyncInvoke({ retryAttempts: 0 })` of the module with no `onFailure`, and its receiver.
 * @example
 * retriesOffCalls(ctx) // [{ call, receiver }] for `worker.configureAsyncInvoke({ retryAttempts: 0 })`
 */
export function retriesOffCalls(ctx: ModuleContext): { call: Node; receiver: Node }[] {
  if (!ctx.source.includes('configureAsyncInvoke')) return [];
  const found: { call: Node; receiver: Node }[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (
      callee?.type !== 'MemberExpression' ||
      propertyName(callee.property as Node, false) !== 'configureAsyncInvoke'
    )
      continue;
    // Options the scan cannot read whole (a spread, an unresolved variable) may name a destination.
    const options = objectProps(ctx.valueOf((call.arguments as Node[])[0]));
    if (options === undefined || options.spread || options.props.has('onFailure')) continue;
    if (numberValue(ctx.valueOf(options.props.get('retryAttempts'))) !== 0) continue;
    const receiver = unwrap(callee.object as Node);
    if (receiver !== undefined) found.push({ call, receiver });
  }
  return found;
}

/**
 * Reports each `configureAsyncInvoke({ retryAttempts: 0 })` of the module with no `onFailure` when the
 * function has no dead-letter queue or destination of its own; `judged` holds the functions an earlier pass
 * judged at their construct, which are not reported again at the call.
 * @example
 * // backend.buildPlan.resources.lambda.configureAsyncInvoke({ retryAttempts: 0 }) -> reported at the call
 */
export function asyncInvokeWithoutDestination(
  ctx: ModuleContext,
  report: Report,
  judged: ReadonlySet<Node>,
): void {
  for (const { call, receiver } of retriesOffCalls(ctx)) {
    if (failureKept(ctx, receiver, judged)) continue;
    report(
      'iac-missing-dlq',
      call,
      'async invoke configured with retryAttempts 0 and no onFailure destination or DLQ: a failed run is dropped after one try',
    );
  }
}
