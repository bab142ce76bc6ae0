// floating-promise: Algolia's JavaScript client answers every request with a promise. In v4 an index's
// methods (`index.saveObject(o)`, `partialUpdateObject`, `deleteObject`, `search`...) return a
// "waitable" promise (a Promise with a `wait()` for the indexing task); in v5 the client's own methods
// do (`client.saveObject({ indexName, body })`). Written as a statement, the write may never be sent
// before Lambda freezes, and its failure is never seen. The receiver is known by what the code states:
// the index type it is declared with, or the call that made it.
import { calleeName, type Node, propertyName, unwrap } from '../ast.js';
import { importedType, typeRefOf } from '../declaredTypes.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextMemo } from '../textMemo.js';

const SOURCES = /^(?:algoliasearch(?:\/lite)?|@algolia\/client-search)$/;
/**
 * Methods that answer at once: v4's `initIndex` hands back the index, `addAlgoliaAgent` a setting. (v4's
 * `wait()` is not among them: it returns the indexing task's promise.)
 */
const SYNC = new Set(['initIndex', 'addAlgoliaAgent']);

/** The class the node sits in. */
function enclosingClass(ctx: ModuleContext, node: Node): Node | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n))
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return n;
  return undefined;
}

/** The annotation a receiver is declared with: `this.index` of a typed field, a typed parameter or variable. */
function declaredAnnotation(ctx: ModuleContext, receiver: Node): Node | undefined {
  if (receiver.type === 'MemberExpression' && unwrap(receiver.object)?.type === 'ThisExpression') {
    const name = propertyName(receiver.property, receiver.computed as boolean);
    const cls = enclosingClass(ctx, receiver);
    for (const m of ((cls?.body as Node | undefined)?.body as Node[] | undefined) ?? []) {
      if (m.type === 'PropertyDefinition' && propertyName(m.key, m.computed as boolean) === name)
        return m.typeAnnotation as Node;
      if (m.kind !== 'constructor') continue;
      for (const p of (m.value as Node).params as Node[]) {
        const field = p.type === 'TSParameterProperty' ? (p.parameter as Node) : undefined;
        if (field?.type === 'Identifier' && field.name === name) return field.typeAnnotation as Node;
      }
    }
    return undefined;
  }
  if (receiver.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(receiver.name as string, receiver);
  const decl = binding?.kind === 'param' ? binding.declaration : binding?.declaration.id;
  return (decl?.type === 'Identifier' ? decl.typeAnnotation : undefined) as Node | undefined;
}

/** The call made the client (`algoliasearch(appId, key)`) of Algolia's package. */
function madeByClientFactory(ctx: ModuleContext, value: Node | undefined): boolean {
  const callee = value?.type === 'CallExpression' ? unwrap(value.callee) : undefined;
  if (callee?.type !== 'Identifier') return false;
  const imp = importedType(ctx, callee.name as string, callee);
  return imp !== undefined && SOURCES.test(imp.source);
}

/** Per module: its text names Algolia at all (one text search per module, not one per call). */
const mentionsAlgolia = contextMemo((ctx) => ctx.spells('algolia'));

/**
 * A request of an Algolia index or client written as a call: true when the receiver is declared as v4's
 * `SearchIndex`, was made by `client.initIndex(name)` of a client of the package, or is a client
 * `algoliasearch(appId, key)` made.
 *
 * @example
 * algoliaRequest(ctx, call) // this.index.deleteObject(id) with `private index: SearchIndex` of 'algoliasearch' -> true
 */
export function algoliaRequest(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  const method = calleeName(call);
  if (callee?.type !== 'MemberExpression' || method === undefined || SYNC.has(method)) return false;
  if (!mentionsAlgolia(ctx)) return false;
  const receiver = unwrap(callee.object as Node);
  if (receiver === undefined) return false;
  // `index.saveObject(o).wait()`: a promise of the waitable request's task, floating like the request.
  if (method === 'wait') return receiver.type === 'CallExpression' && algoliaRequest(ctx, receiver);
  const type = typeRefOf(ctx, declaredAnnotation(ctx, receiver));
  if (type?.source !== undefined && SOURCES.test(type.source)) return type.name === 'SearchIndex';
  const value = receiver.type === 'Identifier' ? ctx.valueOf(receiver) : undefined;
  if (value?.type === 'CallExpression' && calleeName(value) === 'initIndex') {
    const client = unwrap(unwrap(value.callee)?.object as Node | undefined);
    // A client held in a binding, or made in the same chain: `algoliasearch(app, key).initIndex(name)`.
    if (client?.type === 'CallExpression') return madeByClientFactory(ctx, client);
    return client?.type === 'Identifier' && madeByClientFactory(ctx, ctx.valueOf(client));
  }
  return madeByClientFactory(ctx, value);
}
