// Third-party packages that make HTTP requests on the caller's behalf, with what the scan knows of their
// timeouts: `aws-signed-axios` is axios with a SigV4 signature (called like axios, same config, no default
// timeout); `twitter-lite` wraps fetch and takes no timeout or signal at all, so a hanging API holds the
// caller until its own deadline. A catalogue, since nothing in the calling code says what is underneath.
import { calleeName, isFunction, type Node, propertyName, someDescendant, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Packages whose default export is called like axios (`signedAxios({ method, url })`). */
export const AXIOS_LIKE = new Set(['aws-signed-axios']);

/** API client packages built on fetch with no timeout option: their instances' request methods. */
const UNTIMED_CLIENTS: Readonly<Record<string, ReadonlySet<string>>> = {
  'twitter-lite': new Set(['get', 'post', 'put', 'delete']),
};

/** The functions a callee stands for: a module function, or a method of the enclosing class (`this.init()`). */
function calledFunction(ctx: ModuleContext, call: Node): Node | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type === 'MemberExpression' && unwrap(callee.object)?.type === 'ThisExpression') {
    const name = propertyName(callee.property, callee.computed as boolean);
    for (let n = ctx.parentOf(call); n !== undefined; n = ctx.parentOf(n)) {
      if (n.type !== 'ClassBody') continue;
      const method = (n.body as Node[]).find(
        (m) => m.type === 'MethodDefinition' && propertyName(m.key, m.computed as boolean) === name,
      );
      return method?.value as Node | undefined;
    }
    return undefined;
  }
  return ctx.functionOf(callee);
}

/** `new Client(...)` of a catalogued package: the package. */
function constructedClient(ctx: ModuleContext, node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (n?.type !== 'NewExpression') return undefined;
  const callee = unwrap(n.callee);
  if (callee?.type !== 'Identifier') return undefined;
  const source = ctx.importOf(callee.name as string, callee)?.source;
  return source !== undefined && source in UNTIMED_CLIENTS ? source : undefined;
}

/**
 * The catalogued package whose client the receiver holds: built here (`const twit = new Twitter(...)`),
 * or answered by a function of the module (`const twit = await this.init()`, init returning one).
 */
function clientPackage(ctx: ModuleContext, receiver: Node): string | undefined {
  let value = ctx.valueOf(receiver);
  if (value?.type === 'AwaitExpression') value = unwrap(value.argument);
  const direct = constructedClient(ctx, value);
  if (direct !== undefined || value?.type !== 'CallExpression') return direct;
  const fn = calledFunction(ctx, value);
  if (fn === undefined || !isFunction(fn)) return undefined;
  let found: string | undefined;
  someDescendant(fn.body as Node, (n) => {
    if (n.type === 'ReturnStatement') found ??= constructedClient(ctx, ctx.valueOf(n.argument));
    return found !== undefined;
  });
  return found;
}

/**
 * A request made through an untimed API client package (`twit.get('search/tweets', params)`): the
 * package and the HTTP method.
 */
export function untimedClientCall(
  ctx: ModuleContext,
  call: Node,
): { pkg: string; method: string } | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const method = calleeName(call);
  const receiver = unwrap(callee.object);
  if (method === undefined || receiver?.type !== 'Identifier') return undefined;
  const pkg = clientPackage(ctx, receiver);
  if (pkg === undefined || !UNTIMED_CLIENTS[pkg]?.has(method)) return undefined;
  return { pkg, method: method.toUpperCase() };
}

/** Does the module import one of the catalogued packages? */
export function importsCatalogued(ctx: ModuleContext): boolean {
  for (const imp of ctx.imports.values())
    if (AXIOS_LIKE.has(imp.source) || imp.source in UNTIMED_CLIENTS) return true;
  return false;
}
