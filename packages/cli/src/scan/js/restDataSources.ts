// Apollo's RESTDataSource: a class extending it (`class MapsAPI extends RESTDataSource`) makes its
// requests through its own inherited methods: `this.get(path, params, init)`, `this.post(path, body,
// init)` in `apollo-datasource-rest`, `this.get(path, request)` in Apollo 4+'s `@apollo/datasource-rest`. The package wraps node-fetch and adds request deduplication, an HTTP cache and error mapping;
// it documents no timeout (node-fetch's default is none: a `timeout` or `signal` in `init` is the only
// bound) and no retry. So each such call is a fetch with `init` as its options, judged like one.
import { type Node, propertyName, unwrap } from './ast.js';
import { importedType } from './declaredTypes.js';
import type { ModuleContext } from './ModuleContext.js';
import { contextMemo } from './textMemo.js';

/** The packages that export RESTDataSource: Apollo Server 2/3's, and the standalone one of Apollo Server 4. */
const SOURCES = new Set(['apollo-datasource-rest', '@apollo/datasource-rest']);

/** Apollo Server 2/3's package, whose methods take the fetch init as their third argument. */
const OLD_SOURCE = 'apollo-datasource-rest';

/** The request methods it inherits. */
const METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  delete: 'DELETE',
  head: 'HEAD',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
};

/**
 * Words of a module that may hold such a class, for the rule gate and the HTTP rules' import test.
 *
 * @example
 * mentionsRestDataSource((w) => ctx.spells(w)) // true for "import { RESTDataSource } from 'apollo-datasource-rest'"
 */
export const mentionsRestDataSource = (spells: (word: string) => boolean): boolean =>
  spells('datasource-rest');

/** Per module: mentionsRestDataSource of its text, searched once per module rather than once per call. */
const restDataSourceText = contextMemo((ctx) => mentionsRestDataSource((w) => ctx.spells(w)));

/**
 * The package whose RESTDataSource the class the node sits in extends: one of SOURCES, or undefined.
 */
function restDataSourceOf(ctx: ModuleContext, node: Node): string | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassDeclaration' && n.type !== 'ClassExpression') continue;
    const base = unwrap(n.superClass as Node | null);
    if (base?.type !== 'Identifier') return undefined;
    const imp = importedType(ctx, base.name as string, base);
    return imp !== undefined && SOURCES.has(imp.source) && imp.imported === 'RESTDataSource'
      ? imp.source
      : undefined;
  }
  return undefined;
}

/**
 * `this.get(...)` in a RESTDataSource subclass: the HTTP method and the argument holding the fetch init.
 *
 * @example
 * restDataSourceCall(ctx, call) // this.get('/geocode/json', { address }) in `class Maps extends RESTDataSource` -> { method: 'GET', init: undefined }
 */
export function restDataSourceCall(
  ctx: ModuleContext,
  call: Node,
): { method: string; init: Node | undefined } | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.type !== 'ThisExpression')
    return undefined;
  const method = METHODS[propertyName(callee.property, callee.computed as boolean) ?? ''];
  if (method === undefined || !restDataSourceText(ctx)) return undefined;
  const source = restDataSourceOf(ctx, call);
  if (source === undefined) return undefined;
  // Apollo 4+'s package takes `(path, request)`, the request being the fetch init; the old one takes
  // `(path, params or body, init)`.
  return { method, init: (call.arguments as Node[])[source === OLD_SOURCE ? 2 : 1] };
}
