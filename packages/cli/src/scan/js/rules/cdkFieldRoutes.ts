// iac-gateway-timeout-exceeds-lambda through a project construct that wraps a function: the construct
// builds `this.fn = new NodejsFunction(this, id, { timeout: Duration.minutes(5), ...props.overrides })`
// and the stack routes the field itself, `new LambdaIntegration(job.fn)` with `job = new ApiFunction(this,
// id, props)`, or a field of a field (`workflow.consumer.fn`, the wrapper kept by another construct). The
// function runs with the class's default unless the props written where it is built set a `timeout`; then
// it runs with that one. The route records which construct field it reaches (the project pass matches it to
// the owner module's candidate, cdkApiProps.ts `fieldFunctions`); a timeout written at a build site in
// this module is judged here.
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { timeoutIn } from './cdkConstructDefaults.js';

/** A `new C(scope, id, props)` of a project construct: imported by a relative path or declared here. */
export function projectConstruct(ctx: ModuleContext, node: Node | undefined): boolean {
  if (node?.type !== 'NewExpression') return false;
  const callee = unwrap(node.callee as Node);
  if (callee?.type !== 'Identifier') return false;
  if (ctx.resolve(callee.name as string, callee)?.kind === 'class') return true;
  return importRefOf(ctx, callee)?.source.startsWith('.') === true;
}

/**
 * `const { getOrdersAlias } = new LambdaStack(this, id, props)`: a field taken out of a project construct
 * by destructuring, routed by its own name.
 */
function destructuredField(ctx: ModuleContext, fnExpr: Node): { built: Node; field: string } | undefined {
  const id = unwrap(fnExpr);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  const decl = binding?.declaration;
  if (binding?.kind !== 'const' || decl?.type !== 'VariableDeclarator' || decl.id?.type !== 'ObjectPattern')
    return undefined;
  const built = unwrap(decl.init as Node);
  if (built === undefined || !projectConstruct(ctx, built)) return undefined;
  for (const prop of decl.id.properties as Node[]) {
    const value = prop.value?.type === 'AssignmentPattern' ? prop.value.left : prop.value;
    if (prop.type !== 'Property' || value?.type !== 'Identifier' || value.name !== id.name) continue;
    const field = propertyName(prop.key as Node, prop.computed as boolean);
    return field === undefined ? undefined : { built, field };
  }
  return undefined;
}

/**
 * For a routed `job.fn` / `workflow.consumer.fn` whose root is built from a project construct: records the
 * field route for the project pass and answers the timeout the build site's props set, if any.
 * @example
 * routedConstructField(ctx, fnExpr, 29) // `new LambdaIntegration(job.fn)` -> { timeout: undefined } and a route
 */
export function routedConstructField(
  ctx: ModuleContext,
  fnExpr: Node,
  limit: number,
): { timeout: { node: Node; seconds: number } | undefined } | undefined {
  const destructured = destructuredField(ctx, fnExpr);
  if (destructured !== undefined) {
    const owner = importRefOf(ctx, destructured.built.callee as Node);
    if (owner?.source.startsWith('.')) ctx.fieldRoutes.push({ owner, field: destructured.field, limit });
    return { timeout: undefined };
  }
  const path = memberPath(unwrap(fnExpr));
  if (path === undefined || path.length < 2 || path.length > 3 || path[0] === 'this') return undefined;
  const n = unwrap(fnExpr) as Node;
  const outer = path.length === 3 ? unwrap(n.object as Node) : n;
  const root = unwrap(outer?.object as Node);
  const built = ctx.valueOf(root);
  if (built === undefined || !projectConstruct(ctx, built)) return undefined;
  const field = propertyName(outer?.property as Node, outer?.computed as boolean);
  if (field === undefined) return undefined;
  const props = (built.arguments as Node[])[2];
  const timeout = path.length === 2 ? timeoutIn(ctx, props) : undefined;
  const owner = importRefOf(ctx, built.callee as Node);
  if (owner?.source.startsWith('.'))
    ctx.fieldRoutes.push({
      owner,
      field,
      limit,
      ...(path.length === 3 ? { through: path[2] } : {}),
      ...(timeout !== undefined ? { overridden: true } : {}),
    });
  return { timeout };
}

/**
 * `this.field = new C(this, id, { ...: { timeout } })` with C a project construct: the timeout the wrapped
 * function runs with when a route reaches `owner.field.fn`.
 */
export function nestedFieldTimeout(
  ctx: ModuleContext,
  construct: Node,
): { node: Node; seconds: number } | undefined {
  if (!projectConstruct(ctx, construct)) return undefined;
  return timeoutIn(ctx, (construct.arguments as Node[])[2]);
}
