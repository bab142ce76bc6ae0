// iac-gateway-timeout-exceeds-lambda for SST v3's API components (the global `sst` of an `sst.config.ts` app
// and the infra modules it imports): `new sst.aws.ApiGatewayV2(name)` is an HTTP API (30 s integration
// limit), `ApiGatewayV1` a REST API and `ApiGatewayWebSocket` a WebSocket API (29 s each). A route's
// function is `api.route(key, handler, args?)`'s second argument: a handler string (a function SST builds
// with the API's `transform.route.handler` props, or its 20 s default), the function's own args (`{
// handler, timeout }`, also spread from a same-module helper's answer, `{ ...getConfig('index.handler') }`),
// or an existing function's ARN (`fn.arn` of `new sst.aws.Function(name, { timeout })`). The finding sits at
// the timeout the fix changes, once per place; a WebSocket `$disconnect` route is not judged (API Gateway
// calls it after the client has gone, so nobody waits on it).
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { isFunction, memberPath, type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnedValues } from '../returnedValues.js';
import type { Report, Rule } from './Report.js';
import { sstSeconds } from './sstDurations.js';

/** SST v3's API components that run functions, and the integration limit of each in seconds. */
const V3_LIMITS: ReadonlyMap<string, number> = new Map([
  ['ApiGatewayV2', 30],
  ['ApiGatewayV1', 29],
  ['ApiGatewayWebSocket', 29],
]);

/** The object an expression holds, through a module constant. */
function propsOf(ctx: ModuleContext, node: Node | undefined) {
  return node === undefined ? undefined : objectProps(ctx.valueOf(node) ?? unwrap(node));
}

/** The limit of the SST v3 API component `node` builds (`new sst.aws.ApiGatewayV2(...)`), if it is one. */
function apiLimit(ctx: ModuleContext, node: Node | undefined): number | undefined {
  if (node?.type !== 'NewExpression') return undefined;
  const path = memberPath(node.callee);
  if (path?.length !== 3 || path[0] !== 'sst' || path[1] !== 'aws' || !ctx.isGlobal('sst', node))
    return undefined;
  return V3_LIMITS.get(path[2] as string);
}

/**
 * The `timeout` property node of a function's args, looking into a same-module helper's answer it spreads;
 * the key written last wins, as in the object JavaScript builds. Null when a spread that could set it is
 * unreadable (judge nothing).
 */
function timeoutOf(ctx: ModuleContext, args: Node | undefined, depth = 0): Node | undefined | null {
  const value = unwrap(ctx.valueOf(args) ?? args);
  if (value?.type !== 'ObjectExpression' || depth > 3) return null;
  let found: Node | undefined | null;
  for (const p of value.properties as Node[]) {
    if (p.type !== 'SpreadElement') {
      const key = propertyName(p.key as Node, p.computed as boolean);
      if (key === undefined) found = null;
      else if (key === 'timeout') found = p.shorthand ? (p.key as Node) : (p.value as Node);
      continue;
    }
    const spread = unwrap(p.argument as Node);
    const callee = spread?.type === 'CallExpression' ? unwrap(spread.callee as Node) : undefined;
    const fn = callee?.type === 'Identifier' ? unwrap(ctx.valueOf(callee)) : undefined;
    const answers = fn !== undefined && isFunction(fn) ? returnedValues(fn) : undefined;
    const inner = answers?.length === 1 ? timeoutOf(ctx, answers[0], depth + 1) : null;
    if (inner !== undefined) found = inner;
  }
  return found;
}

/** The args of the function whose ARN a route hands over (`fn.arn`, `fn` built here by `new sst.aws.Function`). */
function arnFunctionArgs(ctx: ModuleContext, handler: Node | undefined): Node | undefined {
  const path = memberPath(unwrap(handler));
  if (path?.length !== 2 || path[1] !== 'arn') return undefined;
  const fn = unwrap(ctx.valueOf((unwrap(handler) as Node).object as Node));
  if (fn?.type !== 'NewExpression' || memberPath(fn.callee)?.join('.') !== 'sst.aws.Function')
    return undefined;
  return (fn.arguments as Node[])[1];
}

/**
 * The API's `transform.route.handler.timeout`: SST applies it last (`{ ...args, ...transform }`) to every
 * function it builds for a route, so it wins over the route's own args. Null when the transform is there but
 * cannot be read (a function, an unknown value): then no route function's timeout is known.
 */
function routeDefault(ctx: ModuleContext, api: Node): Node | undefined | null {
  let node: Node | undefined = (api.arguments as Node[])[1];
  for (const key of ['transform', 'route', 'handler', 'timeout']) {
    if (node === undefined) return undefined;
    const obj = propsOf(ctx, node);
    if (obj === undefined) return null;
    node = obj.props.get(key);
    if (node === undefined && obj.spread) return null;
  }
  return node;
}

/**
 * The timeout node a route's function runs with, or undefined when it keeps SST's 20 s default or the
 * scan cannot read it.
 */
function routeTimeout(ctx: ModuleContext, api: Node, handler: Node | undefined): Node | undefined {
  if (handler === undefined) return undefined;
  const text = stringValue(ctx.valueOf(handler) ?? unwrap(handler));
  // An `arn:` string names an existing function: SST builds nothing and its timeout is not written here.
  if (text !== undefined) return text.startsWith('arn:') ? undefined : (routeDefault(ctx, api) ?? undefined);
  const arnArgs = arnFunctionArgs(ctx, handler);
  // A function handed by ARN was built elsewhere: the route transform does not touch it.
  if (arnArgs !== undefined) return timeoutOf(ctx, arnArgs) ?? undefined;
  // Anything else but the function's own args (`x.arn` of an unknown function) is not judged.
  if (unwrap(ctx.valueOf(handler) ?? handler)?.type !== 'ObjectExpression') return undefined;
  const transform = routeDefault(ctx, api);
  if (transform !== undefined) return transform ?? undefined;
  return timeoutOf(ctx, handler) ?? undefined;
}

/**
 * Reports each SST v3 API route function whose timeout is at least its API's integration limit, at that
 * timeout (once per place).
 * @example
 * sstV3ApiTimeoutRules(ctx, report) // at `"30 seconds"` of `api.route("POST /", { handler, timeout: "30 seconds" })` on an ApiGatewayV2
 */
export const sstV3ApiTimeoutRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('sst.aws.ApiGateway') || !ctx.spells('.route(')) return;
  const reported = new Set<Node>();
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'MemberExpression' || propertyName(callee.property as Node) !== 'route') continue;
    const api = unwrap(ctx.valueOf(callee.object as Node));
    const limit = apiLimit(ctx, api);
    if (api === undefined || limit === undefined) continue;
    const [key, handler] = call.arguments as Node[];
    if (limit === 29 && stringValue(ctx.valueOf(key) ?? unwrap(key)) === '$disconnect') continue;
    const timeout = routeTimeout(ctx, api, handler);
    const seconds = sstSeconds(ctx, timeout);
    if (timeout === undefined || seconds === undefined || reported.has(timeout)) continue;
    if (!outlivesGateway(seconds, limit)) continue;
    reported.add(timeout);
    report(
      'iac-gateway-timeout-exceeds-lambda',
      timeout,
      `route function timeout ${seconds}s is at least the API's ${limit}s integration timeout: clients get 504 while it keeps running`,
    );
  }
};
