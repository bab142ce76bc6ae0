// A project's own function construct that puts itself behind API Gateway (`new LambdaRestApi(this, id,
// { handler: this })` in its constructor) and hands `super` a timeout from its defaults
// (`const defaultProps = { timeout: Duration.seconds(300) }`, spread into the props it passes on): every
// instance that does not override it keeps that timeout behind the gateway's 29 s.
import { calleeName, type Node, numberValue, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { configuredNumber } from './envNumbers.js';

/** `Duration.seconds(60)` / `Duration.minutes(2)` in seconds. */
export function durationSeconds(node: Node | undefined, ctx?: ModuleContext): number | undefined {
  // A module constant holds the duration or its number (`const API_TIMEOUT = Duration.seconds(60)`,
  // `Duration.seconds(TIMEOUT_SECONDS)`): the value the function runs with all the same.
  const n = unwrap(ctx?.valueOf(node) ?? node);
  if (n?.type !== 'CallExpression') return undefined;
  const unit = calleeName(n);
  const arg = (n.arguments as Node[])[0];
  const value = ctx !== undefined ? configuredNumber(ctx, arg) : numberValue(arg);
  if (value === undefined) return undefined;
  if (unit === 'seconds') return value;
  if (unit === 'minutes') return value * 60;
  if (unit === 'hours') return value * 3600;
  if (unit === 'millis') return value / 1000;
  return undefined;
}

/**
 * The `timeout: Duration...` an options object ends up with: the last one written wins, as in the object
 * itself (`{ ...shared, timeout: Duration.minutes(15) }`), then its spreads and nested objects.
 */
export function timeoutIn(
  ctx: ModuleContext,
  node: Node | undefined,
  depth = 0,
): { node: Node; seconds: number } | undefined {
  if (depth > 4) return undefined;
  const v = ctx.valueOf(node);
  if (v?.type !== 'ObjectExpression') return undefined;
  for (const p of [...(v.properties as Node[])].reverse()) {
    if (p.type === 'SpreadElement') {
      const found = timeoutIn(ctx, p.argument as Node, depth + 1);
      if (found !== undefined) return found;
      continue;
    }
    const key = propertyName(p.key as Node, p.computed as boolean);
    if (key === 'timeout') {
      const seconds = durationSeconds(p.value as Node, ctx);
      if (seconds !== undefined) return { node: p, seconds };
      continue;
    }
    const found = timeoutIn(ctx, p.value as Node, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * For `new LambdaRestApi(this, id, { handler: this })` (or `new LambdaIntegration(this)`) inside a class
 * constructor: the timeout the constructor hands `super`, when it is one of its own defaults.
 */
export function ownDefaultTimeout(ctx: ModuleContext, at: Node): { node: Node; seconds: number } | undefined {
  const fn = ctx.enclosingFunction(at);
  const method = fn === undefined ? undefined : ctx.parentOf(fn);
  if (fn === undefined || method?.type !== 'MethodDefinition' || method.kind !== 'constructor')
    return undefined;
  for (const stmt of (fn.body as Node).body as Node[]) {
    const call = stmt.type === 'ExpressionStatement' ? unwrap(stmt.expression as Node) : undefined;
    if (call?.type !== 'CallExpression' || (call.callee as Node).type !== 'Super') continue;
    for (const arg of (call.arguments as Node[]).slice(2)) {
      const found = timeoutIn(ctx, arg);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
