// SST's passwordless auth adapters (`sst/node/auth`'s LinkAdapter and CodeAdapter, and adapters of the
// same names a project builds with its `createAdapter`) call the `onError` they are given only when their
// own check of the link or code fails: the link token is a JWT the app signed with its own key and verifies
// in memory, the code is compared with the one the claims carry. No network is reached there, so no
// infrastructure outage can be what the hook answers 401 for; the lookups and sends live in `onLink`,
// `onCode` and `onSuccess`, judged where they are caught. A logout adapter (projects build one with
// `createAdapter` to set a public session cookie) only signs the user out. OAuth/OIDC adapters exchange the code with the
// provider over the network and are left to the rule.
import { calleeName, isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onErrorFunctions } from './httpErrorMiddleware.js';

/** The modules SST's auth adapters come from (v2 `sst/node/auth`, v3 `sst/auth` and their subpaths). */
const SST_AUTH = /^sst\/(node\/)?auth(\/|$)/;
/**
 * The adapters whose check is local: a self-signed link token or a code sent to the user; and a logout
 * adapter, whose 401 costs a user who is signing out nothing.
 */
const LOCAL_ADAPTER = /^(Link|MagicLink|Code|Logout)Adapter$/;

/** The functions a call's options object names as its `onError`. */
function hooksOf(ctx: ModuleContext, call: Node): Node[] {
  const options = ctx.valueOf((call.arguments as Node[])[0]);
  if (options?.type !== 'ObjectExpression') return [];
  const out: Node[] = [];
  for (const p of options.properties as Node[]) {
    if (p.type !== 'Property' || propertyName(p.key, p.computed as boolean) !== 'onError') continue;
    const value = unwrap(p.value);
    const fn = ctx.functionOf(value) ?? (value !== undefined && isFunction(value) ? value : undefined);
    if (fn !== undefined) out.push(fn);
  }
  return out;
}

/**
 * Error hooks used only as the `onError` of SST link/code adapters in a module that imports SST's auth:
 * every `onError` naming the function sits in such an adapter's options.
 * @example
 * localAdapterHooks(ctx) // const a = LinkAdapter({ onLink, onSuccess, onError }) -> { onError }
 */
export function localAdapterHooks(ctx: ModuleContext): ReadonlySet<Node> {
  const found = new Set<Node>();
  if (!ctx.spells('Adapter') || ![...ctx.imports.values()].some((b) => SST_AUTH.test(b.source))) return found;
  const inAdapters = new Map<Node, number>();
  for (const call of ctx.of('CallExpression'))
    if (LOCAL_ADAPTER.test(calleeName(call) ?? ''))
      for (const fn of hooksOf(ctx, call)) inAdapters.set(fn, (inAdapters.get(fn) ?? 0) + 1);
  if (inAdapters.size === 0) return found;
  // A hook also named as `onError` elsewhere (a middy middleware, an OAuth adapter) answers errors of those.
  const uses = new Map<Node, number>();
  for (const fn of onErrorFunctions(ctx, ctx.program)) uses.set(fn, (uses.get(fn) ?? 0) + 1);
  for (const [fn, n] of inAdapters) if ((uses.get(fn) ?? 0) <= n) found.add(fn);
  return found;
}
