// iac-gateway-timeout-exceeds-lambda for SST's API constructs (v2's `import { Api } from "sst/constructs"`,
// v1's from `@serverless-stack/resources`). SST's `Api` is an API Gateway HTTP API (30 s integration limit)
// and `ApiGatewayV1Api` a REST API (29 s). A route's function is written
// `"POST /x": { function: { handler, timeout } }` (optionally with `type: "function"`; SST v1 before 1.0 also
// took the function's props as the route, `"POST /x": { handler, timeout }`), and
// `defaults: { function: { timeout } }` (v1 0.x: `defaultFunctionProps`) applies to every route function
// that sets none. SST's `timeout` is seconds as a number or a duration string ("120 seconds", "2 minutes"). The finding
// sits at the timeout the fix changes: the route's own, or the defaults' one when a route inherits it
// (a table it cannot read, a spread, or an Api with no `routes` nor `addRoutes` here, is taken to inherit it).
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnedValues } from '../returnedValues.js';
import { spellsSstConstructs, sstConstruct, v0Prop } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';
import { siteWords, sstSeconds, timeoutSite } from './sstDurations.js';
import { routedCdkFunction } from './sstStackFields.js';

/**
 * The integration limit of each SST v2 API construct that runs functions, in seconds: `Api` is an HTTP API,
 * `ApiGatewayV1Api` a REST API and `WebSocketApi` a WebSocket API, whose integrations give up at 29 s.
 * @example
 * LIMITS.get('WebSocketApi') // 29
 */
export const LIMITS: ReadonlyMap<string, number> = new Map([
  ['Api', 30],
  ['ApiGatewayV1Api', 29],
  ['WebSocketApi', 29],
]);

/**
 * The route types that run a `function` with the API's function defaults: a plain function route and a
 * GraphQL route (`type: "graphql"`, whose `function` serves the schema); `url`, `alb`, `nlb` and `aws` run none.
 */
const FUNCTION_ROUTES: ReadonlySet<string> = new Set(['function', 'graphql']);

function propsOf(ctx: ModuleContext, node: Node | undefined) {
  return node === undefined ? undefined : objectProps(ctx.valueOf(node) ?? unwrap(node));
}

/**
 * The function a route runs, as written in its entry: `function`, or the entry itself when it is the
 * function's own props (`{ handler, timeout }`, SST v1 0.x).
 */
function routeFunction(entry: ReturnType<typeof objectProps>, value: Node): Node | undefined {
  const fn = entry?.props.get('function');
  return fn ?? (entry?.props.has('handler') && !entry.props.has('type') ? value : undefined);
}

/**
 * The API's function defaults: `defaults.function`, or SST v1 0.x's `defaultFunctionProps`.
 * @example
 * apiDefaults(ctx, props, true) // the props of `{ defaultFunctionProps: { timeout: 90 } }`
 */
function apiDefaults(ctx: ModuleContext, props: ReturnType<typeof objectProps>, v1: boolean) {
  const written = propsOf(ctx, props?.props.get('defaults'))?.props.get('function');
  return propsOf(ctx, written ?? v0Prop(props?.props, 'defaults.function', v1));
}

/**
 * Whether a route (its value in `routes`) runs a function that takes the function defaults: a handler
 * string, or a `function` that sets no timeout and spreads nothing that may set one. A `url` or `alb` route
 * runs none.
 */
function routeInherits(ctx: ModuleContext, value: Node): boolean {
  const entry = propsOf(ctx, value);
  if (entry === undefined) return stringValue(ctx.valueOf(value) ?? unwrap(value)) !== undefined;
  const type = stringValue(entry.props.get('type'));
  const fn = routeFunction(entry, value);
  if ((type !== undefined && !FUNCTION_ROUTES.has(type)) || fn === undefined) return false;
  const fnProps = propsOf(ctx, fn);
  return fnProps === undefined || (!fnProps.spread && !fnProps.props.has('timeout'));
}

/**
 * True when the route functions of an API built with `propsNode` may run without a timeout of their own or
 * of the API's defaults, so the app's or stack's function defaults apply.
 * @example
 * routesInherit(ctx, props) // true for `{ routes: { 'GET /': 'src/get.handler' } }`, false with `defaults: { function: { timeout: 10 } }`
 */
export function routesInherit(ctx: ModuleContext, propsNode: Node | undefined, v1 = false): boolean {
  const props = propsOf(ctx, propsNode);
  if (props === undefined) return true;
  const defaults = apiDefaults(ctx, props, v1);
  if (defaults?.props.has('timeout') === true) return false;
  const routes = propsOf(ctx, props.props.get('routes'));
  // No routes written here: they are added elsewhere (`api.addRoutes`, a project helper), with defaults.
  if (routes === undefined || routes.spread || routes.props.size === 0) return true;
  return [...routes.props.values()].some((value) => routeInherits(ctx, value));
}

/**
 * The route tables an API built at `api` gets: its `routes` (or what a local helper passed as `routes`
 * returns) and the table of each `addRoutes(scope, table)` on its binding. Undefined when one is out of sight.
 */
function routeTables(ctx: ModuleContext, api: Node, routesNode: Node | undefined): Node[] | undefined {
  const tables: Node[] = [];
  const value = routesNode === undefined ? undefined : (ctx.valueOf(routesNode) ?? unwrap(routesNode));
  if (value?.type === 'CallExpression') {
    const fn = ctx.functionOf(value.callee as Node);
    const returned = fn === undefined ? undefined : returnedValues(fn);
    if (returned === undefined) return undefined;
    tables.push(...returned);
  } else if (routesNode !== undefined) tables.push(routesNode);
  if (!ctx.spells('addRoutes')) return tables;
  for (const call of ctx.of('CallExpression')) {
    const path = memberPath(call.callee);
    if (path?.length !== 2 || path[1] !== 'addRoutes') continue;
    const receiver = unwrap((call.callee as Node).object as Node);
    const bound = receiver?.type === 'Identifier' ? unwrap(ctx.valueOf(receiver)) : undefined;
    if (bound === api) tables.push((call.arguments as Node[])[1] ?? call);
    else if (bound === undefined) return undefined;
  }
  return tables;
}

/** Whether some route of the API built at `api` may take its defaults' function timeout. */
function tablesInherit(ctx: ModuleContext, api: Node, routesNode: Node | undefined): boolean {
  const tables = routeTables(ctx, api, routesNode);
  if (tables === undefined || tables.length === 0) return true;
  return tables.some((table) => {
    const routes = propsOf(ctx, table);
    return (
      routes === undefined || routes.spread || [...routes.props.values()].some((v) => routeInherits(ctx, v))
    );
  });
}

/**
 * Reports each route of a table whose function's own timeout outlasts the API's `limit`; answers whether
 * some route takes the defaults' instead. One loop for the routes of an API built here and for a typed route
 * table built apart from it (rules/sstRouteTables.ts).
 * @example
 * reportRouteTimeouts(ctx, routes, 30, report) // at `'5 minutes'` of `{ 'GET /x': { function: { handler, timeout: '5 minutes' } } }`
 */
export function reportRouteTimeouts(
  ctx: ModuleContext,
  routes: ReturnType<typeof objectProps>,
  limit: number,
  report: Report,
): boolean {
  let inherits = false;
  for (const [route, value] of routes?.props ?? []) {
    if (routeInherits(ctx, value)) {
      inherits = true;
      continue;
    }
    const entry = propsOf(ctx, value);
    const type = stringValue(entry?.props.get('type'));
    if (type !== undefined && !FUNCTION_ROUTES.has(type)) continue;
    // A function built apart (`cdk: { function: fn }`) runs with its own timeout, not the defaults'.
    const cdkFunction = propsOf(ctx, entry?.props.get('cdk'))?.props.get('function');
    if (cdkFunction !== undefined && !entry?.props.has('function')) {
      routedCdkFunction(ctx, cdkFunction, limit, route, report);
      continue;
    }
    const own = propsOf(ctx, routeFunction(entry, value))?.props.get('timeout');
    if (own === undefined) continue;
    const s = sstSeconds(ctx, own);
    const site = timeoutSite(ctx, own);
    if (s !== undefined && outlivesGateway(s, limit))
      report(
        'iac-gateway-timeout-exceeds-lambda',
        site,
        `SST route ${route} runs up to ${s} s${siteWords(site)} behind an API that gives up at ${limit} s: the work goes on after the client's 504/503`,
      );
  }
  return inherits;
}

/** Reports SST (v2, v1) API route functions whose timeout outlasts the API's integration limit. */
export const sstApiTimeoutRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!spellsSstConstructs(ctx) || /(?:^|[\\/])\.sst\.config\.\d+\.mjs$/.test(ctx.file)) return;
  for (const node of ctx.of('NewExpression')) {
    const construct = sstConstruct(ctx, node.callee);
    const limit = construct === undefined ? undefined : LIMITS.get(construct.name);
    if (construct === undefined || limit === undefined) continue;
    const props = propsOf(ctx, (node.arguments as Node[])[2]);
    if (props === undefined) continue;
    const routes = propsOf(ctx, props.props.get('routes'));
    const defaults = apiDefaults(ctx, props, construct.v1);
    const defaultTimeout = defaults?.props.get('timeout');
    // Routes out of sight (a helper's table elsewhere, a spread) that set no timeout take the defaults'.
    const tablesMay = tablesInherit(ctx, node, props.props.get('routes'));
    const inherits = reportRouteTimeouts(ctx, routes, limit, report) || tablesMay;
    const s = sstSeconds(ctx, defaultTimeout);
    if (inherits && defaultTimeout !== undefined && s !== undefined && outlivesGateway(s, limit)) {
      const site = timeoutSite(ctx, defaultTimeout);
      report(
        'iac-gateway-timeout-exceeds-lambda',
        site,
        `SST API default function timeout ${s} s${siteWords(site)} outlasts the API's ${limit} s limit: routes that inherit it keep working after the client gave up`,
      );
    }
  }
};
