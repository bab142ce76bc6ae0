// SST's passwordless auth adapters call the `onError` they are given from their own check of the link or
// code. SST's shipped LinkAdapter (`sst/node/auth`, `sst/auth`) verifies a JWT the app signed with its own
// key, in memory, inside a try whose `return config.onSuccess(jwt)` is not awaited: a failure of the
// lookups and sends in `onSuccess` rejects past that catch, so the hook never answers an outage. A project
// builds its own adapters with `createAdapter`; those are read where they are built (here, or through the
// export fact `localAdapter` when imported): their hook is left alone only when every `config.onError(...)`
// sits in a catch whose try awaits nothing. `return await config.onSuccess(...)` inside the try sends every
// DynamoDB or mail failure of `onSuccess` to the hook, which then answers an outage as 401.
import { calleeName, isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { onErrorFunctions, onErrorOf } from './httpErrorMiddleware.js';

/** The modules SST's auth adapters come from (v2 `sst/node/auth`, v3 `sst/auth` and their subpaths). */
const SST_AUTH = /^sst\/(node\/)?auth(\/|$)/;
/** SST's shipped adapter whose code is known to call `onError` only from its in-memory token check. */
const SST_LOCAL_ADAPTER = 'LinkAdapter';

/** `config.onError`, `config['onError']`: the hook the adapter was given. */
function isOnError(n: Node): boolean {
  return n.type === 'MemberExpression' && propertyName(n.property, n.computed as boolean) === 'onError';
}

/**
 * Does this `createAdapter(factory)` reach its `onError` only from catches whose try awaits nothing? Each
 * read of `config.onError` must be the callee of a call inside such a catch; a read anywhere else (after an
 * awaited lookup, handed to `.catch(...)`) or a catch of a try that awaits makes it no local check.
 * @example
 * localAdapter(ctx, createAdapterCall) // try { return config.onSuccess(c) } catch (e) { return config.onError(e) } -> true
 */
export function localAdapter(ctx: ModuleContext, call: Node): boolean {
  if (call.type !== 'CallExpression' || calleeName(call) !== 'createAdapter') return false;
  const arg = unwrap((call.arguments as Node[])[0]);
  const factory = ctx.functionOf(arg) ?? (arg !== undefined && isFunction(arg) ? arg : undefined);
  if (factory === undefined) return false;
  const reads: Node[] = [];
  const syncCaught = new Set<Node>();
  let awaitedCatch = false;
  // The returned handler is a nested function: it is walked too (`false`), as is every try in it.
  someDescendant(
    factory.body as Node,
    (n) => {
      if (isOnError(n)) reads.push(n);
      if (n.type !== 'TryStatement' || n.handler == null) return false;
      const handler = (n.handler as Node).body as Node;
      const calls: Node[] = [];
      someDescendant(
        handler,
        (m) => {
          if (m.type === 'CallExpression' && isOnError(unwrap(m.callee) as Node))
            calls.push(unwrap(m.callee) as Node);
          return false;
        },
        true,
      );
      // Awaiting inside the try (not in a callback it builds) is what lets a remote failure reach the catch.
      const awaits = someDescendant(
        n.block as Node,
        (m) => m.type === 'AwaitExpression' || m.type === 'YieldExpression',
        true,
      );
      if (awaits && calls.length > 0) awaitedCatch = true;
      else for (const c of calls) syncCaught.add(c);
      return false;
    },
    false,
  );
  return !awaitedCatch && reads.length > 0 && reads.every((r) => syncCaught.has(r));
}

/** Does the module import anything from SST's auth? */
function usesSstAuth(ctx: ModuleContext): boolean {
  return [...ctx.imports.values()].some((b) => SST_AUTH.test(b.source));
}

/** What a call's callee is: SST's LinkAdapter, a local adapter, a project import to ask, or none of these. */
function adapterKind(ctx: ModuleContext, call: Node): 'local' | 'judged' | ImportRef | undefined {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier') return undefined;
  const name = callee.name as string;
  const imp = ctx.importOf(name, callee);
  if (imp !== undefined && SST_AUTH.test(imp.source))
    return imp.imported === SST_LOCAL_ADAPTER ? 'local' : undefined;
  if (imp !== undefined && ctx.projectImports.has(name)) return importRefOf(ctx, callee);
  // A package.json subpath import (`#util/auth-code-adapter`): the project pass resolves no such source,
  // so the adapter's body cannot be read. In a module using SST's auth it is taken as an SST adapter of
  // the project's, unread (a blind spot for one whose try awaits; RESULTS, Round 44 review fix of auth).
  if (imp?.source.startsWith('#') && /Adapter$/.test(name) && usesSstAuth(ctx)) return 'local';
  if (imp !== undefined) return undefined;
  const built = unwrap(ctx.valueOf(callee));
  if (built?.type !== 'CallExpression' || calleeName(built) !== 'createAdapter') return undefined;
  return localAdapter(ctx, built) ? 'local' : 'judged';
}

/**
 * Error hooks used only as the `onError` of passwordless adapters that reach it from a local check: every
 * `onError` naming the function sits in such an adapter's options. Each hook maps to the imported project
 * adapters whose export facts must say `localAdapter` (empty: settled here).
 * @example
 * localAdapterHooks(ctx) // const a = LinkAdapter({ onLink, onSuccess, onError }) -> { onError => [] }
 */
export function localAdapterHooks(ctx: ModuleContext): ReadonlyMap<Node, readonly ImportRef[]> {
  const found = new Map<Node, readonly ImportRef[]>();
  if (!ctx.spells('Adapter')) return found;
  const inAdapters = new Map<Node, { n: number; refs: ImportRef[]; judged: boolean }>();
  for (const call of ctx.of('CallExpression')) {
    const hooks = onErrorOf(ctx, (call.arguments as Node[])[0]);
    const kind = hooks.length > 0 ? adapterKind(ctx, call) : undefined;
    if (kind === undefined) continue;
    for (const fn of hooks) {
      const seen = inAdapters.get(fn) ?? { n: 0, refs: [], judged: false };
      seen.n++;
      if (kind === 'judged') seen.judged = true;
      else if (kind !== 'local') seen.refs.push(kind);
      inAdapters.set(fn, seen);
    }
  }
  if (inAdapters.size === 0) return found;
  // A hook also named as `onError` elsewhere (a middy middleware, an OAuth adapter) answers errors of those.
  const uses = new Map<Node, number>();
  for (const fn of onErrorFunctions(ctx, ctx.program)) uses.set(fn, (uses.get(fn) ?? 0) + 1);
  for (const [fn, { n, refs, judged }] of inAdapters)
    if (!judged && (uses.get(fn) ?? 0) <= n) found.set(fn, refs);
  return found;
}
