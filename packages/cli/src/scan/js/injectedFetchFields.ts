// A fetch a class is handed and keeps: `constructor(private readonly fetchFn: typeof fetch = fetch)`,
// `private fetch: typeof global.fetch` as a parameter property, a field typed `typeof fetch`, or
// `this.fetch = options.fetch ?? globalThis.fetch` in the constructor. `this.fetchFn(url, init)` is then a
// fetch whatever the caller injects (tests hand in a stub, production the global): the request's own
// init must carry the deadline, as for a fetch handed in as a parameter (handedInClients.ts injectedFetch).
// A method of the class named `fetch` is not such a field and is never taken for one.
import { type Node, propertyName, unwrap } from './ast.js';
import { INJECTED_FETCH_NAME } from './handedInClients.js';
import type { ModuleContext } from './ModuleContext.js';

/** `typeof fetch`, `typeof globalThis.fetch`, or a local alias of it (`type Fetch = typeof fetch`). */
function fetchType(ctx: ModuleContext, annotated: Node | undefined): boolean {
  // An alias holds its type directly; a field or parameter, inside its annotation.
  const t = (
    annotated?.type === 'TSTypeAliasDeclaration'
      ? annotated.typeAnnotation
      : (annotated?.typeAnnotation as Node | undefined)?.typeAnnotation
  ) as Node | undefined;
  if (t?.type === 'TSTypeQuery') {
    const name = t.exprName as Node | undefined;
    return (
      (name?.type === 'Identifier' && name.name === 'fetch') ||
      (name?.type === 'TSQualifiedName' && name.right?.name === 'fetch')
    );
  }
  if (t?.type !== 'TSTypeReference' || t.typeName?.type !== 'Identifier') return false;
  const alias = (ctx.program.body as Node[])
    .map((s) => (s.type === 'ExportNamedDeclaration' ? (s.declaration as Node | null) : s))
    .find((s) => s?.type === 'TSTypeAliasDeclaration' && s.id?.name === t.typeName.name);
  return alias !== undefined && alias !== null && fetchType(ctx, alias);
}

/** The global fetch: `fetch`, `globalThis.fetch`, `global.fetch`, `window.fetch` (not shadowed). */
export function globalFetch(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type === 'Identifier') return n.name === 'fetch' && ctx.isGlobal('fetch', n);
  if (n?.type !== 'MemberExpression') return false;
  const object = unwrap(n.object as Node);
  return (
    propertyName(n.property as Node, n.computed as boolean) === 'fetch' &&
    object?.type === 'Identifier' &&
    /^(?:globalThis|global|window|self)$/.test(object.name as string) &&
    ctx.isGlobal(object.name as string, object)
  );
}

/** A value that is a fetch: the global, one injected (`opts.fetch ?? fetch`), or a parameter typed as one. */
function fetchValue(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n === undefined) return false;
  if (globalFetch(ctx, n)) return true;
  if (n.type === 'LogicalExpression') return globalFetch(ctx, n.right as Node);
  if (n.type !== 'Identifier') return false;
  const b = ctx.resolve(n.name as string, n);
  if (b?.kind !== 'param') return false;
  const d = b.declaration;
  const own = d.type === 'AssignmentPattern' ? (d.left as Node) : d;
  return (
    fetchType(ctx, own) || (INJECTED_FETCH_NAME.test(n.name as string) && globalFetch(ctx, d.right as Node))
  );
}

/** A class member holding a fetch: its declaration, or the constructor's parameter property or assignment. */
function holdsFetch(ctx: ModuleContext, body: Node[], field: string): boolean {
  for (const el of body) {
    // A declared field may still be given its value in the constructor (below).
    if (el.type === 'PropertyDefinition' && propertyName(el.key, el.computed as boolean) === field) {
      if (fetchType(ctx, el) || globalFetch(ctx, el.value as Node)) return true;
      continue;
    }
    if (el.type !== 'MethodDefinition' || el.kind !== 'constructor') continue;
    for (const p of el.value.params as Node[]) {
      if (p.type !== 'TSParameterProperty') continue;
      const param = p.parameter as Node;
      const id = param.type === 'AssignmentPattern' ? (param.left as Node) : param;
      if (id.name !== field) continue;
      return (
        fetchType(ctx, id) ||
        (param.type === 'AssignmentPattern' &&
          INJECTED_FETCH_NAME.test(field) &&
          globalFetch(ctx, param.right))
      );
    }
    for (const stmt of (el.value.body?.body ?? []) as Node[]) {
      const e = stmt.type === 'ExpressionStatement' ? unwrap(stmt.expression as Node) : undefined;
      const left = e?.type === 'AssignmentExpression' ? unwrap(e.left as Node) : undefined;
      if (
        left?.type === 'MemberExpression' &&
        unwrap(left.object as Node)?.type === 'ThisExpression' &&
        propertyName(left.property as Node, left.computed as boolean) === field
      )
        return fetchValue(ctx, e?.right as Node);
    }
  }
  return false;
}

/**
 * `this.fetchFn(...)` where the class keeps a fetch it is handed (or the global) in that field.
 *
 * @example
 * injectedFetchField(ctx, callee) // true for this.fetchFn in class C { constructor(private fetchFn: typeof fetch = fetch) {} }
 */
export function injectedFetchField(ctx: ModuleContext, callee: Node): boolean {
  const m = unwrap(callee);
  if (m?.type !== 'MemberExpression' || unwrap(m.object as Node)?.type !== 'ThisExpression') return false;
  const field = propertyName(m.property as Node, m.computed as boolean);
  if (field === undefined || !/fetch/i.test(field)) return false;
  for (let n = ctx.parentOf(m); n !== undefined; n = ctx.parentOf(n))
    if (n.type === 'ClassBody') return holdsFetch(ctx, n.body as Node[], field);
  return false;
}
