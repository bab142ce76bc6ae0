// iac-gateway-timeout-exceeds-lambda across constructs: an API construct class that routes a function it
// is given (`new LambdaIntegration(props.ordersHandler)` in its constructor) cannot see that function's
// timeout; the stack that builds the function and hands it in (`new OrdersApi(this, 'Api', {
// ordersHandler: fn })`) can. The class records which props it routes (and, exported, tells the project
// pass); each place it is built is judged at the function it is given, in this module or another.
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { timeoutIn } from './cdkConstructDefaults.js';
import { nestedFieldTimeout } from './cdkFieldRoutes.js';
import { handedPropsBuilt, paramKey } from './cdkPropsSpread.js';
import type { Report } from './Report.js';

/** The class whose constructor `at` is in. */
export function constructorClass(ctx: ModuleContext, at: Node): Node | undefined {
  const fn = ctx.enclosingFunction(at);
  const method = fn === undefined ? undefined : ctx.parentOf(fn);
  if (method?.type !== 'MethodDefinition' || method.kind !== 'constructor') return undefined;
  const cls = ctx.parentOf(ctx.parentOf(method) as Node);
  return cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression' ? cls : undefined;
}

/**
 * Notes `props.key` routed behind an API with `limit` seconds, when `props` is a constructor parameter.
 * @example
 * noteRoutedProp(ctx, fnExpr, 29) // `new LambdaIntegration(props.ordersHandler)` -> ordersHandler: 29
 */
export function noteRoutedProp(ctx: ModuleContext, fnExpr: Node, limit: number): boolean {
  const n = unwrap(fnExpr);
  // `const { ordersHandler } = props` (or `{ ordersHandler }` in the signature) is `props.ordersHandler`.
  const taken = n?.type === 'Identifier' ? paramKey(ctx, n) : undefined;
  const owner = taken === undefined ? undefined : constructorClass(ctx, taken.fn.body as Node);
  if (taken !== undefined && owner !== undefined) return noteRoute(ctx, owner, taken.key, limit);
  // `props.routeHandlers.forEach(({ handler }) => new HttpLambdaIntegration(id, handler))`: each element's key.
  const element = taken === undefined ? undefined : iteratedProp(ctx, taken.fn);
  if (taken !== undefined && element !== undefined)
    return noteRoute(ctx, element.cls, `${element.key}${ELEMENT}${taken.key}`, limit);
  if (n?.type === 'Identifier') return noteRoutedParam(ctx, n, limit);
  if (n?.type !== 'MemberExpression') return false;
  const root = unwrap(n.object as Node);
  const key = propertyName(n.property as Node, n.computed as boolean);
  if (root?.type !== 'Identifier' || key === undefined) return false;
  if (ctx.resolve(root.name as string, root)?.kind !== 'param') return false;
  const cls = constructorClass(ctx, n);
  return cls !== undefined && noteRoute(ctx, cls, key, limit);
}

/** Joins a props key holding an array and the key of its elements routed: `routeHandlers[].handler`. */
export const ELEMENT = '[].';

/** Array methods that run their callback on each element. */
const EACH = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every']);

/**
 * The constructor's props key an iteration callback runs over (`props.routeHandlers.forEach(cb)`, or a
 * `const { routeHandlers } = props` iterated), and the construct class, when `fn` is such a callback.
 */
function iteratedProp(ctx: ModuleContext, fn: Node): { cls: Node; key: string } | undefined {
  const call = ctx.parentOf(fn);
  if (call?.type !== 'CallExpression' || (call.arguments as Node[])[0] !== fn) return undefined;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression') return undefined;
  if (!EACH.has(propertyName(callee.property as Node, callee.computed as boolean) ?? '')) return undefined;
  const array = paramKey(ctx, callee.object as Node);
  const cls = array === undefined ? undefined : constructorClass(ctx, array.fn.body as Node);
  return array === undefined || cls === undefined ? undefined : { cls, key: array.key };
}

/** Notes the class's prop `key` routed behind an API waiting `limit` seconds (the shortest wait wins). */
function noteRoute(ctx: ModuleContext, cls: Node, key: string, limit: number): true {
  const routes = ctx.apiRouteProps.get(cls) ?? {};
  routes[key] = Math.min(routes[key] ?? limit, limit);
  ctx.apiRouteProps.set(cls, routes);
  return true;
}

/**
 * A constructor parameter after `scope` and `id` routed whole (`constructor(scope, id, fn: Function)` then
 * `new LambdaIntegration(fn)`): noted under its position, `#2`, which the places it is built hand positionally.
 */
function noteRoutedParam(ctx: ModuleContext, id: Node, limit: number): boolean {
  const binding = ctx.resolve(id.name as string, id);
  const cls = binding?.kind === 'param' ? constructorClass(ctx, id) : undefined;
  const fn = cls === undefined ? undefined : ctx.enclosingFunction(id);
  const index = (fn?.params as Node[] | undefined)?.indexOf(binding?.declaration as Node) ?? -1;
  if (cls === undefined || index < 2) return false;
  const routes = ctx.apiRouteProps.get(cls) ?? {};
  routes[`#${index}`] = Math.min(routes[`#${index}`] ?? limit, limit);
  ctx.apiRouteProps.set(cls, routes);
  return true;
}

/** The props a construct is built with, by key, and its arguments after `scope` and `id` that are no object, by position (`#2`). */
function handedValues(ctx: ModuleContext, node: Node): { entries: [string, Node][]; props: boolean } {
  const args = node.arguments as Node[];
  const props = objectProps(ctx.valueOf(args.at(-1)));
  const entries: [string, Node][] = props === undefined ? [] : [...props.props];
  // An array of objects handed under a key (`routeHandlers: [{ routePath, handler: fn }]`): each element's
  // values under `routeHandlers[].handler`, as the class notes an iterated prop (iteratedProp).
  for (const [key, value] of [...entries]) {
    const array = ctx.valueOf(value);
    if (array?.type !== 'ArrayExpression') continue;
    for (const element of array.elements as (Node | null)[])
      for (const [inner, v] of objectProps(ctx.valueOf(element ?? undefined))?.props ?? [])
        entries.push([`${key}${ELEMENT}${inner}`, v]);
  }
  args.forEach((arg, i) => {
    if (i >= 2 && ctx.valueOf(arg)?.type !== 'ObjectExpression') entries.push([`#${i}`, arg]);
  });
  return { entries, props: props !== undefined };
}

/** `stack.field` where `stack` is built from an imported project construct: that construct and field. */
function fieldOwner(ctx: ModuleContext, value: Node): { owner: ImportRef; field: string } | undefined {
  const n = unwrap(value);
  if (n?.type !== 'MemberExpression') return undefined;
  const field = propertyName(n.property as Node, n.computed as boolean);
  const built = ctx.valueOf(n.object as Node);
  if (field === undefined || built?.type !== 'NewExpression') return undefined;
  const owner = importRefOf(ctx, built.callee as Node);
  if (!owner?.source.startsWith('.')) return undefined;
  return { owner, field };
}

/** `this.<field>.currentVersion` / `.latestVersion` / `this.<field>` itself: the field an alias is of. */
function versionOf(value: Node | undefined): string | undefined {
  const path = memberPath(unwrap(value));
  if (path?.[0] !== 'this') return undefined;
  if (path.length === 2) return path[1];
  return path.length === 3 && /^(currentVersion|latestVersion)$/.test(path[2] as string)
    ? path[1]
    : undefined;
}

/**
 * The fields of this module's constructs that hold an alias of `this.<field>`'s function: `this.live = new
 * Alias(this, id, { aliasName, version: this.fn.currentVersion })` or `= this.fn.addAlias('live')`. An API
 * routed to the alias runs the function with the function's timeout.
 */
function aliasFields(ctx: ModuleContext, field: string): string[] {
  const out: string[] = [];
  for (const stmt of ctx.of('ExpressionStatement')) {
    const e = unwrap(stmt.expression as Node);
    if (e?.type !== 'AssignmentExpression') continue;
    const path = memberPath(e.left as Node);
    const value = unwrap(e.right as Node);
    if (path?.length !== 2 || path[0] !== 'this' || path[1] === field) continue;
    if (value?.type === 'NewExpression' && memberPath(value.callee as Node)?.at(-1) === 'Alias') {
      const props = objectProps(ctx.valueOf((value.arguments as Node[])[2]))?.props;
      if (versionOf(props?.get('version')) === field) out.push(path[1] as string);
    } else if (value?.type === 'CallExpression') {
      const callee = memberPath(value.callee as Node);
      if (callee?.length === 3 && callee[2] === 'addAlias' && callee[0] === 'this' && callee[1] === field)
        out.push(path[1] as string);
    }
  }
  return out;
}

/**
 * Reports each function an exported construct keeps in a field (`this.handler = new NodejsFunction(...)`
 * in its constructor) with a timeout above 29 s, kept by the project pass only where some module hands
 * that field to an API construct that routes it (an app's `new ApiStack(app, id, { handler: stack.handler })`).
 */
export function fieldFunctions(ctx: ModuleContext, report: Report, reported: Set<Node>): void {
  for (const stmt of ctx.of('ExpressionStatement')) {
    const e = unwrap(stmt.expression as Node);
    if (e?.type !== 'AssignmentExpression') continue;
    const path = memberPath(e.left as Node);
    const construct = unwrap(e.right as Node);
    if (path?.length !== 2 || path[0] !== 'this' || construct?.type !== 'NewExpression') continue;
    if (reported.has(construct)) continue;
    // A project construct wrapping a function (cdkFieldRoutes.ts), else a function construct itself.
    const wrapped = nestedFieldTimeout(ctx, construct);
    if (
      wrapped === undefined &&
      !/(Function|Lambda)$/.test(memberPath(construct.callee as Node)?.at(-1) ?? '')
    )
      continue;
    const cls = constructorClass(ctx, construct);
    const exports = [...ctx.exports].filter(([, v]) => unwrap(v) === cls).map(([name]) => name);
    const timeout = wrapped ?? timeoutIn(ctx, (construct.arguments as Node[])[2]);
    const aliases = wrapped === undefined ? aliasFields(ctx, path[1] as string) : [];
    if (
      cls === undefined ||
      exports.length === 0 ||
      timeout === undefined ||
      !outlivesGateway(timeout.seconds, 29)
    )
      continue;
    report(
      'iac-gateway-timeout-exceeds-lambda',
      timeout.node,
      `function timeout ${timeout.seconds}s is at least API Gateway's integration timeout: the app routes this.${path[1]} behind an API (directly or through an API construct), and clients get 504 while it keeps running`,
      {
        onlyIfFieldRouted: {
          exports,
          field: path[1] as string,
          seconds: timeout.seconds,
          ...(wrapped !== undefined ? { nested: true as const } : {}),
          ...(aliases.length > 0 ? { aliases } : {}),
        },
      },
    );
  }
}

/** The `new ...(scope, id, props)` constructs an expression may stand for (cdkApiFunctions.ts). */
type Resolve = (expr: Node) => Node[];

/**
 * Judges each `new Construct(scope, id, { key: fn })` whose class routes `key` (a local class) or may
 * (an imported project construct, settled by the project pass), at the function's timeout.
 */
export function routedPropsBuilt(
  ctx: ModuleContext,
  report: Report,
  constructsOf: Resolve,
  reported: Set<Node>,
): void {
  for (const node of ctx.of('NewExpression')) {
    const callee = unwrap(node.callee as Node);
    if (callee?.type !== 'Identifier' && memberPath(callee)?.length !== 2) continue;
    const { entries } = handedValues(ctx, node);
    if (entries.length === 0) continue;
    const binding = callee?.type === 'Identifier' ? ctx.resolve(callee.name as string, callee) : undefined;
    const cls = binding?.kind === 'class' ? binding.declaration : ctx.valueOf(callee);
    const local = cls === undefined ? undefined : ctx.apiRouteProps.get(cls);
    const ref = local === undefined ? importRefOf(ctx, callee as Node) : undefined;
    if (
      local === undefined &&
      (ref === undefined || !/^[.@~#]/.test(ref.source) || /^@aws-cdk\//.test(ref.source))
    )
      continue;
    for (const [key, value] of entries) {
      if (!key.startsWith('#') && !key.includes(ELEMENT))
        handedPropsBuilt(ctx, node, {
          key,
          value,
          ref,
          limit: local?.[`...${key}`],
          local: local !== undefined,
        });
      if (local !== undefined && local[key] === undefined) continue;
      const owner = ref !== undefined ? fieldOwner(ctx, value) : undefined;
      if (ref !== undefined && owner !== undefined) ctx.fieldRoutes.push({ ...owner, api: ref, key });
      for (const construct of constructsOf(value)) {
        if (reported.has(construct)) continue;
        const timeout = timeoutIn(ctx, (construct.arguments as Node[])[2]);
        const limit = local?.[key] ?? 29;
        if (timeout === undefined || !outlivesGateway(timeout.seconds, limit)) continue;
        reported.add(construct);
        const name =
          callee?.type === 'Identifier' ? (callee.name as string) : (memberPath(callee)?.join('.') ?? '');
        // `#2` is the internal key of a positional argument: say which argument it is (1-based).
        const what = key.startsWith('#') ? `argument ${Number(key.slice(1)) + 1}` : key;
        report(
          'iac-gateway-timeout-exceeds-lambda',
          timeout.node,
          `function timeout ${timeout.seconds}s is at least API Gateway's integration timeout: ${name} routes its ${what} behind the API, and clients get 504 while it keeps running`,
          ref !== undefined ? { onlyIfImportApiRoute: { ref, key, seconds: timeout.seconds } } : undefined,
        );
      }
    }
  }
}
