// iac-gateway-timeout-exceeds-lambda for a function built by a factory call rather than `new`: projects and
// their shared libraries wrap function creation (`MonitoredFunction.create(stack, 'update', env, { timeout:
// 60 })`, `makeLambda(this, 'Export', { timeout: Duration.minutes(2) })`) and route what it returns (`new
// LambdaIntegration(fn)`). The factory's options name the timeout the function runs with: a CDK Duration, or
// a number of seconds as Lambda itself, CloudFormation and most wrappers take it. A number above Lambda's
// 900 s ceiling is not seconds (milliseconds, most likely) and is left alone.
import { type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { durationSeconds } from './cdkConstructDefaults.js';
import { configuredNumber } from './envNumbers.js';

/** Lambda's longest timeout, in seconds. */
const LAMBDA_MAX = 900;

/**
 * The `timeout` written in the options of the factory call a routed expression stands for.
 * @example
 * factoryTimeout(ctx, fnExpr) // `const fn = MonitoredFunction.create(stack, 'x', env, { timeout: 60 })` -> 60 s
 */
export function factoryTimeout(
  ctx: ModuleContext,
  fnExpr: Node,
): { node: Node; seconds: number; call: Node } | undefined {
  const call = ctx.valueOf(unwrap(fnExpr));
  if (call?.type !== 'CallExpression') return undefined;
  for (const arg of call.arguments as Node[]) {
    const timeout = objectProps(ctx.valueOf(arg))?.props.get('timeout');
    if (timeout === undefined) continue;
    const seconds = durationSeconds(timeout, ctx) ?? configuredNumber(ctx, timeout);
    if (seconds === undefined || seconds > LAMBDA_MAX) return undefined;
    const parent = ctx.parentOf(timeout);
    return { node: parent?.type === 'Property' ? parent : timeout, seconds, call };
  }
  return undefined;
}
