// iac-gateway-timeout-exceeds-lambda in CDK: which function constructs sit behind an API Gateway route, and
// what timeout each runs with. A route reaches its function through an integration (`new
// LambdaIntegration(fn)`, `new HttpLambdaIntegration(id, fn)`, a WebSocket route's `new
// WebSocketLambdaIntegration(id, fn)`, `LambdaRestApi({ handler })`, an L1
// `CfnIntegration`/`CfnMethod` whose URI embeds `fn.functionArn`) or through an API construct of a
// library (`{ path, httpMethod, lambda: fn }`); the function may come through a same-file helper's
// parameter (`addRoute('Id', 'POST /x', fn)`) or a builder method's answer (cdkConstructsOf.ts). One finding per function, at the `timeout` it runs with:
// that is the line the fix changes; functions sharing one timeout value share one finding there
// (cdkSharedTimeouts.ts).
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { calleeName, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { fieldFunctions, noteRoutedProp, routedPropsBuilt } from './cdkApiProps.js';
import { durationSeconds, timeoutIn } from './cdkConstructDefaults.js';
import { constructsOf } from './cdkConstructsOf.js';
import { referencedFunction } from './cdkEnvHanded.js';
import { factoryTimeout } from './cdkFactoryFunctions.js';
import { routedConstructField } from './cdkFieldRoutes.js';
import { handlerLink } from './cdkHandlers.js';
import { helperDefaultTimeouts, noteHelperRoute } from './cdkHelperDefaults.js';
import { flushHandedProps, noteSpreadProps, selfRoutedLimit } from './cdkPropsSpread.js';
import { routeHelperCalls } from './cdkRouteHelpers.js';
import { tableTimeouts } from './cdkRouteTables.js';
import { noteSpreadRoutes, sharedPropsTimeouts } from './cdkSharedProps.js';
import { sharedTimeoutReport } from './cdkSharedTimeouts.js';
import { solutionsPatternTimeouts } from './cdkSolutionsApi.js';
import {
  onWebSocketApi,
  servesDisconnect,
  WEBSOCKET_LIMIT,
  webSocketIntegration,
} from './cdkWebSocketApis.js';
import type { Report } from './Report.js';

/** REST API integrations stop at 29 s; HTTP API (v2) ones at 30 s; WebSocket ones at 29 s (cdkWebSocketApis.ts). */
const REST_LIMIT = 29;
const HTTP_LIMIT = 30;

/** Keys under which an API construct of a library takes the function of a route. */
const FUNCTION_KEYS = new Set(['lambda', 'handler', 'lambdaFunction', 'function', 'fn', 'existingLambdaObj']);

interface Route {
  readonly fn: Node;
  readonly limit: number;
  /** The integration or API construct that routes it. */
  readonly at: Node;
}

function fromCdk(ctx: ModuleContext, node: Node): boolean {
  const source = ctx.importRoot(node.callee)?.source ?? '';
  return source.startsWith('aws-cdk-lib') || source.startsWith('@aws-cdk/');
}

/**
 * Built from a package rather than the project: the project's own construct classes are judged by what
 * their constructors route (cdkApiProps.ts), a library's by the keys its routes take.
 */
function fromLibrary(ctx: ModuleContext, node: Node): boolean {
  const source = ctx.importRoot(node.callee)?.source;
  return source !== undefined && !source.startsWith('.');
}

/** `fn.functionArn` / `fn.functionName` anywhere in an integration URI: the function it invokes. */
function functionsInUri(ctx: ModuleContext, uri: Node | undefined, depth = 0): Node[] {
  const n = ctx.valueOf(uri);
  if (n === undefined || depth > 3) return [];
  if (n.type === 'MemberExpression') {
    const fn = referencedFunction(ctx, n);
    return fn === undefined ? [] : [fn];
  }
  if (n.type === 'TemplateLiteral')
    return (n.expressions as Node[]).flatMap((e) => functionsInUri(ctx, e, depth + 1));
  if (n.type === 'CallExpression')
    return (n.arguments as Node[]).flatMap((a) => functionsInUri(ctx, a, depth + 1));
  if (n.type === 'ArrayExpression')
    return (n.elements as Node[]).flatMap((e) => functionsInUri(ctx, e, depth + 1));
  return [];
}

/** Function expressions under FUNCTION_KEYS in a library API construct's props (routes nest in arrays). */
function routeFunctions(ctx: ModuleContext, node: Node | undefined, depth = 0): Node[] {
  const n = ctx.valueOf(node);
  if (n === undefined || depth > 4) return [];
  if (n.type === 'ArrayExpression')
    return (n.elements as Node[]).flatMap((e) => routeFunctions(ctx, e, depth + 1));
  if (n.type !== 'ObjectExpression') return [];
  const out: Node[] = [];
  for (const p of n.properties as Node[]) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p.key as Node, p.computed as boolean);
    const value = unwrap(p.value as Node);
    if (
      key !== undefined &&
      FUNCTION_KEYS.has(key) &&
      (value?.type === 'Identifier' || value?.type === 'MemberExpression')
    )
      out.push(value);
    else out.push(...routeFunctions(ctx, p.value as Node, depth + 1));
  }
  return out;
}

function integrationTimeout(ctx: ModuleContext, options: Node | undefined, fallback: number): number {
  return durationSeconds(objectProps(ctx.valueOf(options))?.props.get('timeout'), ctx) ?? fallback;
}

/** Every place in the module where API Gateway invokes a function synchronously. */
function routes(ctx: ModuleContext): Route[] {
  const out: Route[] = [];
  for (const node of ctx.of('NewExpression')) {
    const kind = memberPath(node.callee)?.at(-1) ?? '';
    const args = node.arguments as Node[];
    const cdk = fromCdk(ctx, node);
    const socket = cdk ? webSocketIntegration(node) : undefined;
    if (cdk && kind === 'LambdaIntegration' && args[0])
      out.push({ at: node, fn: args[0], limit: integrationTimeout(ctx, args[1], REST_LIMIT) });
    else if (cdk && kind === 'HttpLambdaIntegration' && args[1])
      out.push({ at: node, fn: args[1], limit: integrationTimeout(ctx, args[2], HTTP_LIMIT) });
    else if (socket !== undefined && !servesDisconnect(ctx, node))
      out.push({ at: node, fn: socket.fn, limit: integrationTimeout(ctx, socket.options, WEBSOCKET_LIMIT) });
    else if (cdk && kind === 'LambdaRestApi') {
      const handler = objectProps(ctx.valueOf(args[2]))?.props.get('handler');
      if (handler) out.push({ at: node, fn: handler, limit: REST_LIMIT });
    } else if (cdk && (kind === 'CfnIntegration' || kind === 'CfnMethod')) {
      const props = objectProps(ctx.valueOf(args[2]))?.props;
      const v2 = kind === 'CfnIntegration';
      const integration = v2 ? props : objectProps(ctx.valueOf(props?.get('integration')))?.props;
      const ms = integration?.get('timeoutInMillis');
      const given = unwrap(ms)?.type === 'Literal' ? Number(unwrap(ms)?.value) / 1000 : undefined;
      const limit =
        given ??
        (v2 && onWebSocketApi(ctx, props?.get('apiId'))
          ? WEBSOCKET_LIMIT
          : v2 && /apigatewayv2/.test(ctx.importRoot(node.callee)?.source ?? '')
            ? HTTP_LIMIT
            : REST_LIMIT);
      for (const fn of functionsInUri(ctx, integration?.get(v2 ? 'integrationUri' : 'uri')))
        out.push({ at: node, fn, limit });
    } else if (!cdk && fromLibrary(ctx, node) && selfRoutedLimit(ctx, node) !== undefined)
      out.push({ at: node, fn: node, limit: selfRoutedLimit(ctx, node) as number });
    else if (!cdk && /Api/.test(kind) && fromLibrary(ctx, node))
      for (const arg of args.slice(1))
        for (const fn of routeFunctions(ctx, arg)) out.push({ at: node, fn, limit: REST_LIMIT });
  }
  return out;
}

/** Reports each function construct behind a route whose timeout outlasts the route's integration. */
export function gatewayTimeouts(ctx: ModuleContext, report: Report): void {
  const reported = new Set<Node>();
  const shared = sharedTimeoutReport(report, ctx);
  for (const route of routes(ctx)) {
    if (unwrap(route.fn)?.type === 'ThisExpression') continue; // cdkConstructDefaults.ts judges these
    if (noteRoutedProp(ctx, route.fn, route.limit)) continue; // judged where the construct is built
    const viaField = routedConstructField(ctx, route.fn, route.limit);
    if (viaField !== undefined) {
      // The class's own default is judged in its module; a timeout written at the build site, here.
      const t = viaField.timeout;
      if (t !== undefined && outlivesGateway(t.seconds, route.limit))
        report(
          'iac-gateway-timeout-exceeds-lambda',
          t.node,
          `function timeout ${t.seconds}s is at least API Gateway's ${route.limit}s integration timeout: clients get 504 while it keeps running`,
        );
      continue;
    }
    const made = factoryTimeout(ctx, route.fn); // built by a factory call: cdkFactoryFunctions.ts
    if (made === undefined) noteHelperRoute(ctx, route.fn, route.limit); // its default: cdkHelperDefaults.ts
    if (made !== undefined && outlivesGateway(made.seconds, route.limit))
      shared.report(
        made.node,
        `function timeout ${made.seconds}s is at least API Gateway's ${route.limit}s integration timeout: clients get 504 while it keeps running`,
        undefined,
        made.call,
      );
    for (const construct of constructsOf(ctx, route.fn, 0, true)) {
      if (reported.has(construct)) continue;
      const props = (construct.arguments as Node[])[2];
      const timeout = timeoutIn(ctx, props);
      // A loop over a route table: the entries' values and the default (cdkRouteTables.ts).
      if (timeout === undefined && tableTimeouts(ctx, construct, route.at, route.limit, report)) {
        reported.add(construct);
        continue;
      }
      if (timeout === undefined) {
        noteSpreadRoutes(ctx, construct, route.limit); // an imported object spread: cdkSharedProps.ts
        noteSpreadProps(ctx, construct, route.limit); // a constructor prop spread: cdkPropsSpread.ts
      }
      if (timeout === undefined || !outlivesGateway(timeout.seconds, route.limit)) continue;
      reported.add(construct);
      const link = handlerLink(ctx, construct, 'no-work');
      shared.report(
        timeout.node,
        `${calleeName(construct) ?? 'function'} timeout ${timeout.seconds}s is at least API Gateway's ${route.limit}s integration timeout: clients get 504 while it keeps running`,
        link !== undefined ? { handlerLink: link } : undefined,
        construct,
      );
    }
  }
  shared.flush();
  routedPropsBuilt(ctx, report, (expr) => constructsOf(ctx, expr), reported);
  fieldFunctions(ctx, report, reported);
  solutionsPatternTimeouts(ctx, report);
  // Last: a candidate the project pass may drop never takes the line of a finding judged above.
  sharedPropsTimeouts(ctx, report);
  helperDefaultTimeouts(ctx, report);
  routeHelperCalls(ctx); // props handed to a route helper function: cdkRouteHelpers.ts
  flushHandedProps(ctx, report);
}
