import { type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSstConstructs, spellsSstConstructs, sstConstruct } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';
import { LIMITS, reportRouteTimeouts } from './sstApiTimeouts.js';

/** SST's route-props types (v2's, and v1 1.x's of the same name) and the integration limit of the API that takes them. */
const ROUTE_TYPES: ReadonlyMap<string, number> = new Map([
  ['ApiRouteProps', 30],
  ['ApiGatewayV1ApiRouteProps', 29],
]);

/** A route key of an SST API: `"GET /path"`, `"ANY /{proxy+}"`, `"$default"`. */
const ROUTE_KEY = /^(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)\s+\/|\$default$)/;

/** The type annotation that types `object`: an `as`/`satisfies` type, its variable's, the variable it is assigned to, or its function's return type. */
function declaredType(ctx: ModuleContext, object: Node): Node | undefined {
  // `{ ... } satisfies Record<string, ApiRouteProps<never>>` or `as ...`: the nearest such type wins.
  for (let p = ctx.parentOf(object); p !== undefined; p = ctx.parentOf(p)) {
    if (p.type === 'TSAsExpression' || p.type === 'TSSatisfiesExpression') return p.typeAnnotation as Node;
    if (p.type !== 'ParenthesizedExpression') break;
  }
  const { parent } = ctx.climb(object, (p) =>
    ['TSAsExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression'].includes(p.type),
  );
  if (parent?.type === 'VariableDeclarator') return (parent.id as Node).typeAnnotation as Node | undefined;
  if (parent?.type === 'AssignmentExpression' && (parent.left as Node).type === 'Identifier') {
    const binding = ctx.resolve((parent.left as Node).name as string, parent);
    return binding?.declaration.type === 'VariableDeclarator'
      ? ((binding.declaration.id as Node).typeAnnotation as Node | undefined)
      : undefined;
  }
  if (parent?.type === 'ReturnStatement' || parent?.type === 'ArrowFunctionExpression') {
    return ctx.enclosingFunction(object)?.returnType as Node | undefined;
  }
  return undefined;
}

/** The names SST's route-props types (`sst/constructs`, `@serverless-stack/resources`) go by here: type-only imports too, which bindings leave out. */
function routeTypeNames(ctx: ModuleContext): Map<string, number> {
  const names = new Map<string, number>();
  for (const statement of ctx.program.body as Node[]) {
    if (
      statement.type !== 'ImportDeclaration' ||
      !isSstConstructs((statement.source as Node).value as string)
    )
      continue;
    for (const spec of statement.specifiers as Node[]) {
      const limit = ROUTE_TYPES.get(propertyName(spec.imported as Node) ?? '');
      if (spec.type === 'ImportSpecifier' && limit !== undefined)
        names.set((spec.local as Node).name as string, limit);
    }
  }
  return names;
}

/** The limit of the SST API a route table's declared type names (the shortest, when it names both). */
function tableLimit(
  ctx: ModuleContext,
  object: Node,
  names: ReadonlyMap<string, number>,
): number | undefined {
  const type = declaredType(ctx, object);
  if (type === undefined || type === null) return undefined;
  const text = ctx.source.slice(type.start as number, type.end as number);
  let limit: number | undefined;
  for (const [name, own] of names)
    if (new RegExp(`\\b${name}\\b`).test(text)) limit = Math.min(limit ?? own, own);
  return limit;
}

/** The `routes` objects of the SST API constructs this module builds: judged where they are built. */
function constructRoutes(ctx: ModuleContext): Set<Node> {
  const tables = new Set<Node>();
  for (const node of ctx.of('NewExpression')) {
    if (!LIMITS.has(sstConstruct(ctx, node.callee)?.name ?? '')) continue;
    const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]));
    const routes = unwrap(ctx.valueOf(props?.props.get('routes')));
    if (routes !== undefined) tables.add(routes);
  }
  return tables;
}

/** The object literals of this module whose keys are SST route keys. */
function routeObjects(ctx: ModuleContext): Set<Node> {
  const objects = new Set<Node>();
  for (const prop of ctx.of('Property')) {
    const key = propertyName(prop.key as Node, prop.computed as boolean);
    const parent = ctx.parentOf(prop);
    if (key !== undefined && ROUTE_KEY.test(key) && parent?.type === 'ObjectExpression') objects.add(parent);
  }
  return objects;
}

/**
 * Reports a route function's own timeout, in a typed SST route table, that outlasts its API's limit.
 * @example
 * sstRouteTableRules(ctx, report) // at `'5 minutes'` in `const routes: Record<string, ApiRouteProps<never>> = { 'GET /x': { function: { handler, timeout: '5 minutes' } } }`
 */
export const sstRouteTableRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!spellsSstConstructs(ctx) || ![...ROUTE_TYPES.keys()].some((t) => ctx.spells(t))) return;
  const names = routeTypeNames(ctx);
  if (names.size === 0) return;
  const built = constructRoutes(ctx);
  for (const object of routeObjects(ctx)) {
    if (built.has(object)) continue;
    const limit = tableLimit(ctx, object, names);
    const routes = objectProps(object);
    if (limit === undefined || routes === undefined) continue;
    reportRouteTimeouts(ctx, routes, limit, report);
  }
};
