// The handler of a function a wrapper construct builds from packed code named in ANOTHER module:
// `this.fetcher = new PackedLambdaFn(this, 'fetch', lambdaSources.fetchLocationHistory, { timeout })`, where
// `lambdaSources: Pick<BackendLambdas, 'fetchLocationHistory'>` is typed by ../packBackendLambdas.ts, whose
// record is built as `fetchLocationHistory: await packLambdaFromPath('fetchLocationHistory',
// 'lambda/location-history/fetchLocationHistory.ts')` (or through a local `pack(id)` that makes the path).
// The source module's path (the argument ending in a script extension, relative to the CDK app) and the
// export (a following string argument, else `handler`) name the handler's code.
import { type Node, propertyName, unwrap } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { linkOfPaths } from './cdkHandlers.js';
import { type CallValues, helperModule, text } from './cdkImportedHelpers.js';
import { wrappedFunction } from './cdkWrappedFunctions.js';

/** TypeScript's key-picking wrappers: `Pick<T, 'a'>` and the like hold the record type `T`. */
const PICKS = new Set(['Pick', 'Omit', 'Partial', 'Readonly', 'Required']);

/** The type name a type annotation names, through `Pick<T, ...>` and the like. */
function typeName(type: Node | undefined): string | undefined {
  const t = type?.type === 'TSTypeAnnotation' ? (type.typeAnnotation as Node) : type;
  if (t?.type !== 'TSTypeReference') return undefined;
  const name = (t.typeName as Node)?.name as string | undefined;
  const args = ((t.typeArguments ?? t.typeParameters) as Node | undefined)?.params as Node[] | undefined;
  return name !== undefined && PICKS.has(name) ? typeName(args?.[0]) : name;
}

/** The type the parameter `root` of the function around `at` is annotated with (also as a destructured key). */
function paramType(ctx: ModuleContext, root: string, at: Node): string | undefined {
  const scope = ctx.resolve(root, at);
  if (scope?.kind !== 'param') return undefined;
  for (const p of (scope.scope.params ?? []) as Node[]) {
    const param = p.type === 'TSParameterProperty' ? (p.parameter as Node) : p;
    if (param.type === 'Identifier' && param.name === root) return typeName(param.typeAnnotation as Node);
    if (param.type !== 'ObjectPattern') continue;
    const literal = (param.typeAnnotation as Node | undefined)?.typeAnnotation as Node | undefined;
    for (const m of (literal?.members ?? []) as Node[])
      if (propertyName(m.key as Node, m.computed as boolean) === root)
        return typeName(m.typeAnnotation as Node);
  }
  return undefined;
}

/** Where the module imports `name` from, a type-only import (`import type { T }`, which the index skips) too. */
function importSource(ctx: ModuleContext, name: string): string | undefined {
  for (const st of ctx.program.body as Node[]) {
    if (st.type !== 'ImportDeclaration') continue;
    for (const sp of (st.specifiers ?? []) as Node[])
      if ((sp.local as Node | undefined)?.name === name) return (st.source as Node).value as string;
  }
  return undefined;
}

/** The one value `keys` reaches in the module's object literals (`a: { b: <value> }` for `a.b`). */
function keyedValue(mod: ModuleContext, keys: readonly string[]): Node | undefined {
  const found = mod
    .of('Property')
    .filter((p) => propertyName(p.key as Node, p.computed as boolean) === keys.at(-1));
  const matches = found.filter((p) => {
    let n: Node | undefined = p;
    for (let i = keys.length - 2; i >= 0; i--) {
      const object: Node | undefined = n === undefined ? undefined : mod.parentOf(n);
      n = object === undefined ? undefined : mod.parentOf(object);
      if (n?.type !== 'Property' || propertyName(n.key as Node, n.computed as boolean) !== keys[i])
        return false;
    }
    return true;
  });
  return matches.length === 1 ? (matches[0]?.value as Node) : undefined;
}

/** The module path and export a packing call names: `pack(id, 'lambda/x.ts')`, or through a local `pack(id)`. */
function packedPaths(
  mod: ModuleContext,
  value: Node | undefined,
  depth = 0,
): { entry: string; handler?: string } | undefined {
  let call = unwrap(value);
  if (call?.type === 'AwaitExpression') call = unwrap(call.argument as Node);
  if (call?.type !== 'CallExpression' || depth > 2) return undefined;
  const local = mod.functionOf(call.callee as Node);
  if (local !== undefined) {
    // `const pack = async (id) => packLambdaFromPath(id, `lambda/${id}.ts`)`: the inner call, with `id` read here.
    const body = unwrap(local.body as Node);
    const inner = body?.type === 'AwaitExpression' ? unwrap(body.argument as Node) : body;
    if (inner?.type !== 'CallExpression') return undefined;
    const values: CallValues = { site: mod, params: local.params as Node[], args: call.arguments as Node[] };
    return pathsOf((inner.arguments as Node[]).map((a) => text(mod, a, values)));
  }
  const none: CallValues = { site: mod, params: [], args: [] };
  return pathsOf((call.arguments as Node[]).map((a) => text(mod, a, none)));
}

function pathsOf(args: readonly (string | undefined)[]): { entry: string; handler?: string } | undefined {
  const at = args.findIndex((a) => a !== undefined && /\.[cm]?[jt]sx?$/.test(a));
  const entry = args[at];
  if (at === -1 || entry === undefined) return undefined;
  const handler = args[at + 1];
  return handler !== undefined && /^[A-Za-z_$][\w$]*$/.test(handler) ? { entry, handler } : { entry };
}

/**
 * The handler link of a wrapper-built function (`packed.fn`) whose packed code is a record field typed by
 * another module of the project, read from that module's record; undefined otherwise.
 * @example
 * packedSourceLink(ctx, fnExpr, 'no-record-work') // this.fetcher.fn -> stems [<app>/lambda/location-history/fetchLocationHistory]
 */
export function packedSourceLink(
  ctx: ModuleContext,
  expr: Node | undefined,
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  const wrapper = wrappedFunction(ctx, expr)?.node;
  const source = unwrap((wrapper?.arguments as Node[] | undefined)?.[2]);
  if (source?.type !== 'MemberExpression') return undefined;
  const path: string[] = [];
  let n: Node | undefined = source;
  while (n?.type === 'MemberExpression' && !(n.computed as boolean)) {
    path.unshift(propertyName(n.property as Node, false) ?? '');
    n = unwrap(n.object as Node);
  }
  if (n?.type !== 'Identifier' || path.includes('')) return undefined;
  const type = paramType(ctx, n.name as string, n);
  const from = type === undefined ? undefined : importSource(ctx, type);
  if (from === undefined || !from.startsWith('.')) return undefined;
  const key = path[0] ?? '';
  const mod = helperModule(ctx.file, from, new RegExp(`\\b${key}\\s*:`));
  const paths = mod === undefined ? undefined : packedPaths(mod, keyedValue(mod, path));
  return paths === undefined ? undefined : linkOfPaths(ctx.file, paths, clearWhen);
}
