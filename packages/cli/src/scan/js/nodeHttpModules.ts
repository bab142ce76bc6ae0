// Node's own http and https modules as a request's receiver: imported, or picked by scheme at run time;
// and their `request` / `get` imported by name (`import { request as nodeRequest } from 'https'`), which
// are the same functions with the same lack of a default timeout.
import { type Node, objectProps, unwrap } from './ast.js';
import type { ImportBinding, ModuleContext } from './ModuleContext.js';
import { methodOf } from './requestMethod.js';

const NODE_HTTP = new Set(['http', 'https', 'node:http', 'node:https']);

/** `http`, `https`, `node:http`, `node:https`. */
export function nodeHttpSource(source: string | undefined): boolean {
  return source !== undefined && NODE_HTTP.has(source);
}

/**
 * `const protocol = url.startsWith('http:') ? http : https`: a module picked by scheme at run time is
 * Node's http or https either way, with the same `get`/`request` and the same lack of a default timeout.
 */
export function nodeHttpChoice(ctx: ModuleContext, receiver: Node): boolean {
  const v = ctx.valueOf(receiver);
  if (v?.type !== 'ConditionalExpression' && v?.type !== 'LogicalExpression') return false;
  const sides = (
    v.type === 'ConditionalExpression' ? [v.consequent, v.alternate] : [v.left, v.right]
  ) as Node[];
  return sides.every((side) => {
    const id = unwrap(side);
    return id?.type === 'Identifier' && nodeHttpSource(ctx.importOf(id.name as string, id)?.source);
  });
}

/** `request` or `get` when the import is that function of Node's http or https, taken by name. */
export function nodeHttpImport(imp: ImportBinding): 'get' | 'request' | undefined {
  if (!nodeHttpSource(imp.source)) return undefined;
  return imp.imported === 'get' || imp.imported === 'request' ? imp.imported : undefined;
}

/**
 * The request `https.get(url, options?, cb?)` / `https.request(options, cb?)` makes (or the same functions
 * imported by name): its options are the first object argument.
 */
export function nodeHttpCall(
  ctx: ModuleContext,
  method: 'get' | 'request',
  args: readonly Node[],
): { lib: 'node-http'; method: string | undefined; options: Node | undefined } {
  // An object the module builds wins over an earlier bare identifier: in `https.request(url, options, cb)`
  // the url parameter resolves to nothing, and taking it hid the options (and their `timeout`).
  const options =
    args.find((a) => objectProps(ctx.valueOf(a)) !== undefined) ??
    args.find((a) => unwrap(a)?.type === 'Identifier');
  return {
    lib: 'node-http',
    method: method === 'get' ? 'GET' : methodOf(ctx, options),
    options: objectProps(ctx.valueOf(options)) !== undefined ? options : undefined,
  };
}

/**
 * Whether `text` (the function around a Node request) has a 'timeout' listener that destroys or aborts
 * it. The `timeout` option alone only arms the socket's idle timer and emits 'timeout'; nothing ends the
 * request unless a listener does (Node docs, http.request).
 *
 * @example
 * destroysOnTimeout("req.on('timeout', () => req.destroy())") // true
 */
export function destroysOnTimeout(text: string): boolean {
  return /\.on\(\s*['"`]timeout['"`][\s\S]{0,300}?\.(?:destroy|abort)\(/.test(text);
}
