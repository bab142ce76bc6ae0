// iac-gateway-timeout-exceeds-lambda through function props a construct is handed: a project construct
// takes the app's shared function props as one of its own props (`new ApiFunctions(this, 'Fns', {
// defaultLambdaConfig })`) and spreads them into each function it routes (`new NodejsFunction(scope, id,
// { ...props.defaultLambdaConfig, entry })`, or `const { defaultLambdaConfig } = props` first). The class
// notes the prop as routed under `...key` (its export fact `apiRoutes`); the place it is built is judged
// at the timeout of the object it hands in (cdkApiProps.ts `routedPropsBuilt`).
//
// Also the function constructs of a library that put themselves behind an API when given one in their
// props (`new NodeJsFunction(scope, id, { api: { apiGatewayRestApi, methods: ['GET'], path } })`): the
// route is the construct itself.
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { constructorClass } from './cdkApiProps.js';
import { timeoutIn } from './cdkConstructDefaults.js';
import type { Report } from './Report.js';

/** Keys that say where on an API a route sits. */
const ROUTE_KEYS = ['path', 'method', 'methods', 'httpMethod', 'routeKey'];

/** The key a destructuring pattern binds to the local `name`: `{ k }`, `{ k: name }`, `{ k = d }`. */
function patternKey(pattern: Node | undefined, name: string): string | undefined {
  const p0 = unwrap(pattern);
  const obj = p0?.type === 'AssignmentPattern' ? unwrap(p0.left as Node) : p0;
  if (obj?.type !== 'ObjectPattern') return undefined;
  for (const p of obj.properties as Node[]) {
    const v = p.type === 'Property' ? unwrap(p.value as Node) : undefined;
    const local = v?.type === 'AssignmentPattern' ? unwrap(v.left as Node) : v;
    if (local?.type === 'Identifier' && local.name === name)
      return propertyName(p.key as Node, p.computed as boolean);
  }
  return undefined;
}

/**
 * The function whose options parameter a value is read from (its scope) and the key read: `props.k`,
 * `const { k } = props`, or `k` destructured in the signature (`function f(a, { k }: Options)`).
 */
export function paramKey(ctx: ModuleContext, value: Node | undefined): { fn: Node; key: string } | undefined {
  const n = unwrap(value);
  if (n?.type === 'MemberExpression') {
    const root = unwrap(n.object as Node);
    const key = propertyName(n.property as Node, n.computed as boolean);
    if (root?.type !== 'Identifier' || key === undefined) return undefined;
    const b = ctx.resolve(root.name as string, root);
    return b?.kind === 'param' ? { fn: b.scope, key } : undefined;
  }
  if (n?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(n.name as string, n);
  if (binding?.kind === 'param') {
    const key = patternKey(binding.declaration, n.name as string);
    return key === undefined ? undefined : { fn: binding.scope, key };
  }
  const decl = binding?.declaration;
  const init = unwrap(decl?.init as Node);
  if (decl?.type !== 'VariableDeclarator' || init?.type !== 'Identifier') return undefined;
  const from = ctx.resolve(init.name as string, init);
  const key = from?.kind === 'param' ? patternKey(decl.id as Node, n.name as string) : undefined;
  return key === undefined || from === undefined ? undefined : { fn: from.scope, key };
}

/**
 * What a routed spread is noted on: the class of a constructor, or a route helper function itself
 * (`export function addRoute(stack, api, { lambdaDefaults })`, judged at its calls: cdkRouteHelpers.ts).
 */
function routeOwner(ctx: ModuleContext, fn: Node): Node | undefined {
  const method = ctx.parentOf(fn);
  if (method?.type === 'MethodDefinition')
    return method.kind === 'constructor' ? constructorClass(ctx, fn.body as Node) : undefined;
  return fn.type === 'FunctionDeclaration' || ctx.parentOf(fn)?.type === 'VariableDeclarator'
    ? fn
    : undefined;
}

/**
 * Notes each constructor prop a routed function's props spread (`...props.k`) as routed under `...k`,
 * unless a `timeout` written after the spread overrides the spread one.
 * @example
 * noteSpreadProps(ctx, construct, 29) // `{ ...props.defaults, entry }` -> apiRouteProps[cls]['...defaults'] = 29
 */
export function noteSpreadProps(ctx: ModuleContext, construct: Node, limit: number): void {
  const props = ctx.valueOf((construct.arguments as Node[] | undefined)?.[2]);
  if (props?.type !== 'ObjectExpression') return;
  const all = props.properties as Node[];
  for (const [i, p] of all.entries()) {
    if (p.type !== 'SpreadElement') continue;
    // A `timeout` written after the spread wins over the spread one, whatever its value (`timeout ?? 10 s`).
    if (
      all
        .slice(i + 1)
        .some(
          (q) => q.type === 'Property' && propertyName(q.key as Node, q.computed as boolean) === 'timeout',
        )
    )
      continue;
    const read = paramKey(ctx, p.argument as Node);
    const cls = read === undefined ? undefined : routeOwner(ctx, read.fn);
    if (read === undefined || cls === undefined) continue;
    const routes = ctx.apiRouteProps.get(cls) ?? {};
    const key = `...${read.key}`;
    routes[key] = Math.min(routes[key] ?? limit, limit);
    ctx.apiRouteProps.set(cls, routes);
  }
}

/**
 * A library function construct given its own API route in its props (`api: { restApi, methods, path }`,
 * or `api` beside `path` / `method`): the integration limit it runs behind (an HTTP API's 30 s when the
 * API is written as one, else REST's 29 s), or undefined when it routes nothing.
 */
export function selfRoutedLimit(ctx: ModuleContext, node: Node): number | undefined {
  const kind = memberPath(node.callee as Node)?.at(-1) ?? '';
  if (!/(Function|Lambda)$/.test(kind)) return undefined;
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props;
  const api = props?.get('api');
  if (props === undefined || api === undefined) return undefined;
  const inner = objectProps(ctx.valueOf(api))?.props;
  if (!ROUTE_KEYS.some((k) => props.has(k) || inner?.has(k) === true)) return undefined;
  const text = ctx.source.slice(api.start as number, api.end as number);
  return /http_?api/i.test(text) && !/rest/i.test(text) ? 30 : 29;
}

/** A timeout handed in as props, and every construct (and key) it was handed to in this module. */
interface Handed {
  readonly node: Node;
  readonly seconds: number;
  readonly to: { ref: ImportRef; key: string }[];
  local: boolean;
}

const handedIn = new WeakMap<ModuleContext, Map<Node, Handed>>();

/**
 * At `new C(scope, id, { key: sharedProps })`: when C spreads `props.key` into a routed function (a local
 * class's note, `limit`; an imported project construct's, asked of the project pass), notes the timeout
 * the handed object sets, judged by `flushHandedProps`.
 */
export function handedPropsBuilt(
  ctx: ModuleContext,
  built: Node,
  at: {
    readonly key: string;
    readonly value: Node;
    readonly ref: ImportRef | undefined;
    readonly limit: number | undefined;
    readonly local: boolean;
  },
): void {
  if (at.local ? at.limit === undefined : at.ref === undefined) return;
  // Kept in a field (`this.consumer = new ApiFunction(...)`): judged as that field's function where a
  // route reaches it (cdkApiProps.ts fieldFunctions), one candidate per line.
  const parent = ctx.parentOf(built);
  if (parent?.type === 'AssignmentExpression' && memberPath(parent.left as Node)?.[0] === 'this') return;
  const timeout = timeoutIn(ctx, at.value);
  if (timeout === undefined || !outlivesGateway(timeout.seconds, at.limit ?? 29)) return;
  const byNode = handedIn.get(ctx) ?? new Map<Node, Handed>();
  handedIn.set(ctx, byNode);
  const entry = byNode.get(timeout.node) ?? {
    node: timeout.node,
    seconds: timeout.seconds,
    to: [],
    local: false,
  };
  byNode.set(timeout.node, entry);
  if (at.local) entry.local = true;
  else if (at.ref !== undefined) entry.to.push({ ref: at.ref, key: `...${at.key}` });
}

/** One finding per handed-in timeout: at once for a local class that routes it, else if any import does. */
export function flushHandedProps(ctx: ModuleContext, report: Report): void {
  for (const h of handedIn.get(ctx)?.values() ?? []) {
    const [first, ...or] = h.to;
    if (!h.local && first === undefined) continue;
    report(
      'iac-gateway-timeout-exceeds-lambda',
      h.node,
      `function timeout ${h.seconds}s is at least API Gateway's integration timeout: these props are handed to a construct or route helper that spreads them into functions it routes behind the API, and clients get 504 while they keep running`,
      h.local || first === undefined
        ? undefined
        : { onlyIfImportApiRoute: { ...first, seconds: h.seconds, ...(or.length > 0 ? { or } : {}) } },
    );
  }
}
