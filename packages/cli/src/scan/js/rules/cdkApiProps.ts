// iac-gateway-timeout-exceeds-lambda across constructs: an API construct class that routes a function it
// is given (`new LambdaIntegration(props.ordersHandler)` in its constructor) cannot see that function's
// timeout; the stack that builds the function and hands it in (`new OrdersApi(this, 'Api', {
// ordersHandler: fn })`) can. The class records which props it routes (and, exported, tells the project
// pass); each place it is built is judged at the function it is given, in this module or another.
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { timeoutIn } from './cdkConstructDefaults.js';
import type { Report } from './Report.js';

/** The class whose constructor `at` is in. */
function constructorClass(ctx: ModuleContext, at: Node): Node | undefined {
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
  if (n?.type !== 'MemberExpression') return false;
  const root = unwrap(n.object as Node);
  const key = propertyName(n.property as Node, n.computed as boolean);
  if (root?.type !== 'Identifier' || key === undefined) return false;
  if (ctx.resolve(root.name as string, root)?.kind !== 'param') return false;
  const cls = constructorClass(ctx, n);
  if (cls === undefined) return false;
  const routes = ctx.apiRouteProps.get(cls) ?? {};
  routes[key] = Math.min(routes[key] ?? limit, limit);
  ctx.apiRouteProps.set(cls, routes);
  return true;
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
    const last = (node.arguments as Node[]).at(-1);
    const props = objectProps(ctx.valueOf(last));
    if (props === undefined) continue;
    const binding = callee?.type === 'Identifier' ? ctx.resolve(callee.name as string, callee) : undefined;
    const cls = binding?.kind === 'class' ? binding.declaration : ctx.valueOf(callee);
    const local = cls === undefined ? undefined : ctx.apiRouteProps.get(cls);
    const ref = local === undefined ? importRefOf(ctx, callee as Node) : undefined;
    if (
      local === undefined &&
      (ref === undefined || !/^[.@~#]/.test(ref.source) || /^@aws-cdk\//.test(ref.source))
    )
      continue;
    for (const [key, value] of props.props) {
      if (local !== undefined && local[key] === undefined) continue;
      for (const construct of constructsOf(value)) {
        if (reported.has(construct)) continue;
        const timeout = timeoutIn(ctx, (construct.arguments as Node[])[2]);
        const limit = local?.[key] ?? 29;
        if (timeout === undefined || timeout.seconds <= limit) continue;
        reported.add(construct);
        const inside = timeout.node.start >= construct.start && timeout.node.end <= construct.end;
        const name =
          callee?.type === 'Identifier' ? (callee.name as string) : (memberPath(callee)?.join('.') ?? '');
        report(
          'iac-gateway-timeout-exceeds-lambda',
          inside ? timeout.node : construct,
          `function timeout ${timeout.seconds}s exceeds API Gateway's integration timeout: ${name} routes its ${key} behind the API, and clients get 504 while it keeps running`,
          ref !== undefined ? { onlyIfImportApiRoute: { ref, key, seconds: timeout.seconds } } : undefined,
        );
      }
    }
  }
}
