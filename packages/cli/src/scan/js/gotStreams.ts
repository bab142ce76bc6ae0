// got's stream API as an HTTP call: `got.stream(url, options)` and `got.stream.get(url, options)` (also on an
// instance `got.extend(...)` made in the module). The stream carries the same `timeout` option as `got(url,
// options)`, and a download that stalls never ends the read loop that waits on it, so it is judged like the
// promise form. Only the library itself or a module-made instance counts: `x.stream(...)` on anything else
// (fs, a Readable, an SDK body) is no request.
import { type Node, propertyName, unwrap } from './ast.js';
import { instanceFactory, libraryImport } from './httpInstances.js';
import type { ModuleContext } from './ModuleContext.js';
import { methodOrGet } from './requestMethod.js';

/** got's per-method stream shortcuts (`got.stream.get`), as in got's own `got.stream[method]`. */
const STREAM_VERBS = new Set(['get', 'post', 'put', 'patch', 'head', 'delete']);

/** A got stream request: its method, options argument and, on an instance, the instance's creation call. */
export interface GotStream {
  readonly method: string | undefined;
  readonly options: Node | undefined;
  readonly receiver: string;
  readonly instance?: Node;
}

/** Is `base` got itself (its default import or require) or an instance `got.extend(...)` made here? */
function gotBase(ctx: ModuleContext, base: Node | undefined): { instance?: Node } | undefined {
  if (base?.type !== 'Identifier') return undefined;
  const imp = libraryImport(ctx, base);
  if (imp !== undefined)
    return imp.source === 'got' && (imp.imported === 'default' || imp.imported === '*') ? {} : undefined;
  const created = ctx.valueOf(base);
  return created?.type === 'CallExpression' && instanceFactory(ctx, created) === 'got'
    ? { instance: created }
    : undefined;
}

/**
 * `callee` of a call to got's stream API: `got.stream(url, options)` or `got.stream.<verb>(url, options)`;
 * undefined for any other call.
 *
 * @example
 * gotStreamCall(ctx, callee, args) // { method: 'GET', options: <{ ...auth }>, receiver: 'got' }
 */
export function gotStreamCall(
  ctx: ModuleContext,
  callee: Node,
  args: readonly Node[],
): GotStream | undefined {
  if (callee.type !== 'MemberExpression') return undefined;
  const name = propertyName(callee.property, callee.computed);
  const object = unwrap(callee.object);
  let base: Node | undefined;
  let method: string | undefined;
  if (name === 'stream') {
    base = object;
    method = methodOrGet(ctx, args[1]);
  } else if (
    name !== undefined &&
    STREAM_VERBS.has(name) &&
    object?.type === 'MemberExpression' &&
    propertyName(object.property, object.computed) === 'stream'
  ) {
    base = unwrap(object.object);
    method = name.toUpperCase();
  } else return undefined;
  const got = gotBase(ctx, base);
  if (got === undefined) return undefined;
  return { method, options: args[1], receiver: (base as Node).name as string, ...got };
}
