// iac-gateway-timeout-exceeds-lambda for a project's function factory with a default timeout: projects build
// every function through one helper (`createLambda({ stack, name, entry, timeout })` returning `new
// Function(props.stack, props.name, { timeout: props.timeout ?? DEFAULT_LAMBDA_TIMEOUT })`), and a function
// built without a `timeout` of its own runs with the default. The routing module sees the call but not the
// default; the helper's module sees the default but not the route. The route records the helper it calls
// with no timeout (a FieldRoute of field `()`, the function the call answers); the helper raises a candidate
// at its default, kept by the project pass only where such a route waits less than it (constructFields.ts).
import { outlivesGateway, SHORTEST_GATEWAY_LIMIT } from '../../iac/gatewayLimit.js';
import { calleeName, isFunction, memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { durationSeconds } from './cdkConstructDefaults.js';
import { constMember } from './constMembers.js';
import type { Report } from './Report.js';

/**
 * The field a FieldRoute names for the function a helper's call answers.
 * @example
 * ctx.fieldRoutes.push({ owner, field: CALL_FIELD, limit: 29 }) // `createLambda({ stack, name })` is routed
 */
export const CALL_FIELD = '()';

/** `Duration.<unit>(n)`: seconds per unit. */
const UNITS: Readonly<Record<string, number>> = { seconds: 1, minutes: 60, hours: 3600 };

/**
 * For a routed expression that is a call of a project helper (`createLambda({ ... })`) whose object
 * arguments write no `timeout` and spread nothing: records the helper as routed with `limit`.
 * @example
 * noteHelperRoute(ctx, fnExpr, 29) // `const fn = createLambda({ stack, name: 'Hook' })` -> ./shared/lambda#createLambda ()
 */
export function noteHelperRoute(ctx: ModuleContext, fnExpr: Node, limit: number): void {
  const call = ctx.valueOf(unwrap(fnExpr));
  if (call?.type !== 'CallExpression') return;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier') return;
  const owner = importRefOf(ctx, callee);
  if (!owner?.source.startsWith('.')) return;
  const args = call.arguments as Node[];
  const objects = args.map((a) => objectProps(ctx.valueOf(a) ?? unwrap(a))).filter((o) => o !== undefined);
  if (objects.length === 0 || objects.some((o) => o.spread || o.props.has('timeout'))) return;
  ctx.fieldRoutes.push({ owner, field: CALL_FIELD, limit });
}

/** True when `node` reads one of the enclosing function's parameters (`props.timeout`, `timeout`). */
function readsParam(ctx: ModuleContext, node: Node | undefined): boolean {
  const root = memberPath(unwrap(node))?.[0];
  const at = unwrap(node);
  return root !== undefined && at !== undefined && ctx.resolve(root, at)?.kind === 'param';
}

/**
 * The default a function's `timeout` falls back to when the caller gives none: `props.timeout ?? DEFAULT`
 * (or `||`), or `Duration.seconds(props.timeout ?? 60)`; the node the fix changes and its seconds.
 */
function fallbackTimeout(ctx: ModuleContext, timeout: Node): { node: Node; seconds: number } | undefined {
  const t = unwrap(timeout);
  const logical = (n: Node | undefined) =>
    n?.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||') && readsParam(ctx, n.left)
      ? (n.right as Node)
      : undefined;
  const direct = logical(t);
  if (direct !== undefined) {
    const seconds = durationSeconds(direct, ctx);
    return seconds === undefined ? undefined : { node: ctx.valueOf(direct) ?? direct, seconds };
  }
  if (t?.type !== 'CallExpression' && !readsParam(ctx, t)) return fixedTimeout(ctx, t);
  if (t?.type !== 'CallExpression') return undefined;
  const inner = logical(unwrap((t.arguments as Node[])[0]));
  const value = unwrap(ctx.valueOf(inner) ?? inner);
  const unit = UNITS[calleeName(t) ?? ''];
  if (value?.type !== 'Literal' || typeof value.value !== 'number' || unit === undefined) return undefined;
  return { node: value, seconds: value.value * unit };
}

/**
 * A timeout the factory sets whatever its caller says, read from a field of a module settings object
 * (`timeout: defaultLambdaSettings.timeout` with `const defaultLambdaSettings = { timeout:
 * Duration.seconds(30) }`): every function it builds runs with it; the node is the value the fix changes.
 */
function fixedTimeout(ctx: ModuleContext, t: Node | undefined): { node: Node; seconds: number } | undefined {
  const value = constMember(ctx, t);
  const seconds = value === undefined ? undefined : durationSeconds(value, ctx);
  return value === undefined || seconds === undefined
    ? undefined
    : { node: ctx.valueOf(value) ?? value, seconds };
}

/**
 * Reports each exported function factory's default timeout above 29 s, kept where a route relies on it.
 * @example
 * helperDefaultTimeouts(ctx, report) // at `60` in `new Function(p.stack, p.name, { timeout: p.timeout ?? Duration.seconds(60) })`
 */
export function helperDefaultTimeouts(ctx: ModuleContext, report: Report): void {
  if (ctx.exports.size === 0 || !/timeout\s*:[^,\n]*(?:\?\?|\|\||\w\.timeout\b)/.test(ctx.source)) return;
  const byNode = new Map<Node, { seconds: number; names: string[] }>();
  for (const [name, value] of ctx.exports) {
    const fn = unwrap(ctx.valueOf(value) ?? value);
    if (fn === undefined || !isFunction(fn)) continue;
    for (const node of ctx.of('NewExpression')) {
      if ((node.start as number) < (fn.start as number) || (node.end as number) > (fn.end as number))
        continue;
      const timeout = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props.get('timeout');
      const fallback = timeout === undefined ? undefined : fallbackTimeout(ctx, timeout);
      if (fallback === undefined || !outlivesGateway(fallback.seconds, SHORTEST_GATEWAY_LIMIT)) continue;
      const entry = byNode.get(fallback.node) ?? { seconds: fallback.seconds, names: [] };
      entry.names.push(name);
      byNode.set(fallback.node, entry);
    }
  }
  for (const [node, { seconds, names }] of byNode)
    report(
      'iac-gateway-timeout-exceeds-lambda',
      node,
      `function factory ${names.join(' / ')} defaults to timeout ${seconds}s, which a function it builds behind API Gateway runs with: clients get 504 while it keeps running`,
      { onlyIfFieldRouted: { exports: names, field: CALL_FIELD, seconds } },
    );
}
