// iac-gateway-timeout-exceeds-lambda in CDK: which function constructs sit behind an API Gateway route, and
// what timeout each runs with. A route reaches its function through an integration (`new
// LambdaIntegration(fn)`, `new HttpLambdaIntegration(id, fn)`, `LambdaRestApi({ handler })`, an L1
// `CfnIntegration`/`CfnMethod` whose URI embeds `fn.functionArn`) or through an API construct of a
// library (`{ path, httpMethod, lambda: fn }`); the function may come through a same-file helper's
// parameter (`addRoute('Id', 'POST /x', fn)`). One finding per function, at the `timeout` it runs with:
// that is the line the fix changes; functions sharing one timeout value share one finding there
// (cdkSharedTimeouts.ts).
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { calleeName, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { fieldFunctions, noteRoutedProp, routedPropsBuilt } from './cdkApiProps.js';
import { durationSeconds, timeoutIn } from './cdkConstructDefaults.js';
import { referencedFunction } from './cdkEnvHanded.js';
import { factoryTimeout } from './cdkFactoryFunctions.js';
import { routedConstructField } from './cdkFieldRoutes.js';
import { handlerLink } from './cdkHandlers.js';
import { helperDefaultTimeouts, noteHelperRoute } from './cdkHelperDefaults.js';
import { flushHandedProps, noteSpreadProps, selfRoutedLimit } from './cdkPropsSpread.js';
import { routeHelperCalls } from './cdkRouteHelpers.js';
import { noteSpreadRoutes, sharedPropsTimeouts } from './cdkSharedProps.js';
import { sharedTimeoutReport } from './cdkSharedTimeouts.js';
import { solutionsPatternTimeouts } from './cdkSolutionsApi.js';
import type { Report } from './Report.js';

/** REST API integrations stop at 29 s; HTTP API (v2) ones at 30 s. */
const REST_LIMIT = 29;
const HTTP_LIMIT = 30;

/** Keys under which an API construct of a library takes the function of a route. */
const FUNCTION_KEYS = new Set(['lambda', 'handler', 'lambdaFunction', 'function', 'fn', 'existingLambdaObj']);

interface Route {
  readonly fn: Node;
  readonly limit: number;
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
    if (cdk && kind === 'LambdaIntegration' && args[0])
      out.push({ fn: args[0], limit: integrationTimeout(ctx, args[1], REST_LIMIT) });
    else if (cdk && kind === 'HttpLambdaIntegration' && args[1])
      out.push({ fn: args[1], limit: integrationTimeout(ctx, args[2], HTTP_LIMIT) });
    else if (cdk && kind === 'LambdaRestApi') {
      const handler = objectProps(ctx.valueOf(args[2]))?.props.get('handler');
      if (handler) out.push({ fn: handler, limit: REST_LIMIT });
    } else if (cdk && (kind === 'CfnIntegration' || kind === 'CfnMethod')) {
      const props = objectProps(ctx.valueOf(args[2]))?.props;
      const v2 = kind === 'CfnIntegration';
      const integration = v2 ? props : objectProps(ctx.valueOf(props?.get('integration')))?.props;
      const ms = integration?.get('timeoutInMillis');
      const given = unwrap(ms)?.type === 'Literal' ? Number(unwrap(ms)?.value) / 1000 : undefined;
      const limit =
        given ??
        (v2 && /apigatewayv2/.test(ctx.importRoot(node.callee)?.source ?? '') ? HTTP_LIMIT : REST_LIMIT);
      for (const fn of functionsInUri(ctx, integration?.get(v2 ? 'integrationUri' : 'uri')))
        out.push({ fn, limit });
    } else if (!cdk && fromLibrary(ctx, node) && selfRoutedLimit(ctx, node) !== undefined)
      out.push({ fn: node, limit: selfRoutedLimit(ctx, node) as number });
    else if (!cdk && /Api/.test(kind) && fromLibrary(ctx, node))
      for (const arg of args.slice(1))
        for (const fn of routeFunctions(ctx, arg)) out.push({ fn, limit: REST_LIMIT });
  }
  return out;
}

/** calls() per function: a helper's callers are asked once per argument of each construct it routes. */
const callsOf = new WeakMap<Node, Node[]>();

/**
 * A module's calls by callee, in module order, gathered in one pass: `i:name` for a plain name, `m:` and
 * the joined member path for any callee that has one (`m:this.addRoute`).
 */
const callsByCallee = new WeakMap<ModuleContext, Map<string, Node[]>>();

function callsTo(ctx: ModuleContext, key: string): readonly Node[] {
  let byCallee = callsByCallee.get(ctx);
  if (byCallee === undefined) {
    byCallee = new Map();
    const add = (k: string, c: Node) => {
      const list = byCallee?.get(k);
      if (list === undefined) byCallee?.set(k, [c]);
      else list.push(c);
    };
    for (const c of ctx.of('CallExpression')) {
      const callee = unwrap(c.callee as Node);
      if (callee?.type === 'Identifier') add(`i:${callee.name as string}`, c);
      const path = memberPath(callee);
      if (path !== undefined) add(`m:${path.join('.')}`, c);
    }
    callsByCallee.set(ctx, byCallee);
  }
  return byCallee.get(key) ?? [];
}

/** `this.x = value` statements of a module by their target (`this.x`), gathered in one pass. */
const fieldAssignments = new WeakMap<ModuleContext, Map<string, Node[]>>();

function assignedTo(ctx: ModuleContext, target: string): readonly Node[] {
  let byTarget = fieldAssignments.get(ctx);
  if (byTarget === undefined) {
    byTarget = new Map();
    for (const stmt of ctx.of('ExpressionStatement')) {
      const e = unwrap(stmt.expression as Node);
      const path = e?.type === 'AssignmentExpression' ? memberPath(e.left as Node) : undefined;
      if (e === undefined || path === undefined) continue;
      const key = path.join('.');
      const values = byTarget.get(key) ?? [];
      values.push(e.right as Node);
      byTarget.set(key, values);
    }
    fieldAssignments.set(ctx, byTarget);
  }
  return byTarget.get(target) ?? [];
}

/** The calls of a function in this module, by the name it is called by (see callsUncached). */
function calls(ctx: ModuleContext, fn: Node): Node[] {
  let found = callsOf.get(fn);
  if (found === undefined) {
    found = callsUncached(ctx, fn);
    callsOf.set(fn, found);
  }
  return found;
}

/** The name a function is called by in this module: `const f = () =>`, `function f()`, a method. */
function callsUncached(ctx: ModuleContext, fn: Node): Node[] {
  const parent = ctx.parentOf(fn);
  let name: string | undefined;
  let method = false;
  if (fn.type === 'FunctionDeclaration') name = (fn.id as Node | null)?.name as string | undefined;
  else if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier')
    name = parent.id.name as string;
  else if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
    name = propertyName(parent.key as Node, parent.computed as boolean);
    method = true;
  }
  if (name === undefined) return [];
  if (method) return [...callsTo(ctx, `m:this.${name}`)];
  return callsTo(ctx, `i:${name}`).filter((c) => ctx.functionOf(unwrap(c.callee as Node)) === fn);
}

/**
 * The `new ...(scope, id, props)` constructs an expression may stand for: a const, a `this.field`
 * assigned in this module, or a parameter of a same-file helper followed to its callers' arguments.
 */
export function constructsOf(ctx: ModuleContext, expr: Node | undefined, depth = 0): Node[] {
  const n = unwrap(expr);
  if (n === undefined || depth > 3) return [];
  const v = ctx.valueOf(n);
  if (v?.type === 'NewExpression') return [v];
  if (v?.type === 'Identifier') {
    const binding = ctx.resolve(v.name as string, v);
    if (binding?.kind !== 'param') return [];
    const fn = ctx.parentOf(binding.declaration);
    const index =
      fn === undefined ? -1 : ((fn.params as Node[] | undefined) ?? []).indexOf(binding.declaration);
    if (fn === undefined || index < 0) return [];
    return calls(ctx, fn).flatMap((c) => constructsOf(ctx, (c.arguments as Node[])[index], depth + 1));
  }
  const path = memberPath(v);
  if (path?.length === 2 && path[0] === 'this') {
    return assignedTo(ctx, path.join('.')).flatMap((right) => constructsOf(ctx, right, depth + 1));
  }
  return [];
}

/** Reports each function construct behind a route whose timeout outlasts the route's integration. */
export function gatewayTimeouts(ctx: ModuleContext, report: Report): void {
  const reported = new Set<Node>();
  const shared = sharedTimeoutReport(report);
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
    for (const construct of constructsOf(ctx, route.fn)) {
      if (reported.has(construct)) continue;
      const props = (construct.arguments as Node[])[2];
      const timeout = timeoutIn(ctx, props);
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
