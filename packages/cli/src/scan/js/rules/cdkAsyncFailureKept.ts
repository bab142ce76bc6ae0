// Whether a CDK function's failed asynchronous events need no finding: read by every pass that reports
// iac-missing-dlq at a function's construct (cdkAsyncInvokers.ts for SNS, S3, SES and IoT invokers,
// cdkEnvInvoked.ts for code invoking by an environment variable, cdkAsyncInvokeConfig.ts at a function's own
// `configureAsyncInvoke`), so they decide alike. `retryAttempts: 0`, with or without a comment giving the
// reason, settles nothing: a reason for not retrying is no place for the failed event.
import { escapeRegExp } from '../../escapeRegExp.js';
import { memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onlyPushesInCdk } from './cdkEphemeralTargets.js';
import { asyncInvokeConfigured, functionHasAsyncDlq } from './cdkHandlers.js';
import type { OpenProps } from './cdkPassedProps.js';
import { localSpreadProps, spreadKeys } from './cdkSpreadProps.js';
import { type BuiltFunction, builtProps } from './cdkWrappedFunctions.js';

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
  // SST's `bind` (v2) and `permissions` grant access and hand in the resources' names like a role and an environment.
  if (['role', 'initialPolicy', 'environment', 'vpc', 'bind', 'permissions'].some((k) => fnProps.has(k)))
    return false;
  const named = ctx.source.match(new RegExp(`(?<![\\w$.])${escapeRegExp(fnName)}(?![\\w$])`, 'g'));
  // its declaration and the invokers, nothing else
  return (named?.length ?? 0) <= uses + 1;
}

/** Keys that would keep or decide a function's failed async events: one in a spread helper leaves it unknown. */
const ASYNC_FAILURE_KEYS = /^(deadLetter\w*|onFailure|retryAttempts|maxEventAge)$/;

/**
 * The function's props, known after all when what made them unknown is only spreads of imported helpers
 * (`...defaultProps(this, 'x')`) or conditions between local literals (`...(isProd ? { vpc } : {})`) whose
 * objects say nothing about failed async events.
 */
function knownThroughHelpers(
  ctx: ModuleContext,
  fn: BuiltFunction,
  open: OpenProps | undefined,
): OpenProps | undefined {
  if (open === undefined || !open.unknown || fn.wrapper || open.fromCaller.length > 0) return open;
  const keys = spreadKeys(ctx, fn.propsArg);
  if (keys === undefined || [...keys].some((k) => ASYNC_FAILURE_KEYS.test(k))) return open;
  return { ...open, unknown: false };
}

/**
 * Whether the function's failed asynchronous events are kept (a DLQ, an onFailure destination, here or in
 * its `configureAsyncInvoke`), or losing one loses no work (it only pushes events on, or is given nothing
 * to act with), or its props cannot be read here (unknown, or from the caller): in each case no finding.
 * @example
 * asyncFailureKept(ctx, fn, expr) // true for `new NodejsFunction(this, 'F', { ..., onFailure: dest })`
 */
export function asyncFailureKept(ctx: ModuleContext, fn: BuiltFunction, expr: Node, uses = 1): boolean {
  const fnOpen = knownThroughHelpers(ctx, fn, builtProps(ctx, fn));
  if (fnOpen === undefined || fnOpen.unknown || fnOpen.fromCaller.length > 0) return true;
  // a key a local spread may bring (either branch of a condition) is one the function may run with
  const props = new Map([...localSpreadProps(ctx, fn.propsArg), ...fnOpen.props]);
  const fnProps = { props, spread: false };
  const fnName = memberPath(unwrap(expr))?.join('.');
  return (
    functionHasAsyncDlq(fnProps) ||
    asyncInvokeConfigured(ctx, fnName) ||
    onlyPushesInCdk(ctx, fnName, fnProps) ||
    givenNothing(ctx, fnName, props, uses)
  );
}
