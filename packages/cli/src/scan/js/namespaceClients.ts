// Calls through a whole-module import of a project module that hands on an HTTP library:
// `const utils = require('../lib/utils'); utils.request({ url })` or `import * as http from './http';
// http.fetch(url)`. The member the call reads (`utils.request`) is the library as surely as a destructured
// `request` would be, so the read is made to stand for it: the member expression becomes a name bound to
// the library, and every reading the HTTP rule has of that library's calls applies unchanged.
import type { Node } from './ast.js';
import { propertyName, unwrap } from './ast.js';
import type { HttpClientExport } from './httpClientExports.js';
import type { ModuleContext } from './ModuleContext.js';
import type { ImportBinding } from './moduleIndex.js';

/**
 * Replaces, in `program` (parsed for `ctx`), each `ns.member` read of a whole-module import whose member
 * `clientOf` answers for with a name `ns.member`, and returns those names with the library each stands
 * for. A local that shadows the import is left alone. The caller builds a new context on the changed tree.
 *
 * @example
 * namespaceClients(ctx, program, clientOf) // Map { 'utils.request' => { source: 'request', imported: 'default' } }
 */
export function namespaceClients(
  ctx: ModuleContext,
  program: Node,
  clientOf: (imp: ImportBinding) => HttpClientExport | undefined,
): Map<string, HttpClientExport> {
  const wholes = new Map<string, string>();
  for (const [name, imp] of ctx.imports)
    if (imp.imported === '*' || (imp.imported === 'default' && clientOf(imp) === undefined))
      wholes.set(name, imp.source);
  const found = new Map<string, HttpClientExport>();
  if (wholes.size === 0) return found;
  const standIn = (node: Node): Node | undefined => {
    if (node.type !== 'MemberExpression' || node.computed) return undefined;
    const object = unwrap(node.object);
    if (object?.type !== 'Identifier') return undefined;
    const source = wholes.get(object.name as string);
    const member = propertyName(node.property);
    if (source === undefined || member === undefined) return undefined;
    const name = `${object.name as string}.${member}`;
    const client = found.get(name) ?? clientOf({ source, imported: member });
    if (client === undefined || ctx.importOf(object.name as string, object) === undefined) return undefined;
    found.set(name, client);
    return { type: 'Identifier', name, start: node.start, end: node.end } as Node;
  };
  replaceIn(program, standIn);
  return found;
}

/** Walks the tree, putting `standIn`'s answer in place of each node it answers for. */
function replaceIn(node: Node, standIn: (node: Node) => Node | undefined): void {
  for (const key of Object.keys(node)) {
    const child = (node as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (let i = 0; i < child.length; i++) {
        const item = child[i] as Node | null;
        if (item === null || typeof item !== 'object' || typeof item.type !== 'string') continue;
        const replaced = standIn(item);
        if (replaced !== undefined) child[i] = replaced;
        else replaceIn(item, standIn);
      }
    } else if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string') {
      const replaced = standIn(child as Node);
      if (replaced !== undefined) (node as Record<string, unknown>)[key] = replaced;
      else replaceIn(child as Node, standIn);
    }
  }
}
