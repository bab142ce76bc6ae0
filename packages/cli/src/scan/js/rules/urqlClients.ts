// http-no-timeout and no-retry for urql's client (`new Client({ url, exchanges, fetchOptions })` or
// `createClient(...)` from @urql/core or urql): every query and mutation goes out through its fetchExchange,
// which sets no timeout and never retries. A timeout is a `signal` in `fetchOptions` (an object, or a
// function answering one) or a `fetch` of the project's own (a wrapper may bound it; a fetch package handed
// in as it is, node-fetch or the global, does not); a retry is urql's `retryExchange` among the exchanges.
// Both are fixed in the client's options, so both are reported at its construction. Options or exchanges
// not seen in full are given the benefit of the doubt, and so is code that runs in a browser (a `.tsx`
// component, a module with no server import), where the user is the retry and a stalled page is seen.
import { calleeName, isFunction, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { isServerModule } from '../serverModule.js';
import type { Report } from './Report.js';
import { sharedOnly } from './sharedRequestScope.js';

const PACKAGES = new Set(['@urql/core', 'urql']);
/** Fetch implementations handed in as they are: they carry no timeout of their own. */
const PLAIN_FETCH = new Set([
  'node-fetch',
  'cross-fetch',
  'isomorphic-fetch',
  'undici',
  'isomorphic-unfetch',
]);

/** The object a `fetchOptions` value answers: the object itself, or what a function returns. */
function answeredObject(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  const v = unwrap(ctx.valueOf(value));
  if (!isFunction(v)) return v;
  const body = unwrap(v?.body as Node | undefined);
  if (body?.type !== 'BlockStatement') return body;
  const returns = (body.body as Node[]).filter((s) => s.type === 'ReturnStatement');
  return returns.length === 1 ? unwrap(ctx.valueOf(returns[0]?.argument as Node | undefined)) : undefined;
}

/** May `fetchOptions` carry an abort signal? Unseen options may. */
function signalled(ctx: ModuleContext, fetchOptions: Node | undefined): boolean {
  if (fetchOptions === undefined) return false;
  const props = objectProps(answeredObject(ctx, fetchOptions));
  return props === undefined || props.spread || props.props.has('signal');
}

/** A `fetch` option of the project's own (a wrapper that may bound the request), not a fetch package as it is. */
function ownFetch(ctx: ModuleContext, fetch: Node | undefined): boolean {
  const f = unwrap(fetch);
  if (f === undefined) return false;
  if (f.type === 'Identifier') {
    const imp = ctx.importOf(f.name as string, f);
    if (imp !== undefined) return !PLAIN_FETCH.has(imp.source);
    if (f.name === 'fetch' && ctx.isGlobal('fetch', f)) return false;
  }
  const path = f.type === 'MemberExpression' ? ctx.source.slice(f.start as number, f.end as number) : '';
  return !/^(globalThis|window|global)\.fetch$/.test(path);
}

/** Do the client's exchanges retry (urql's `retryExchange`)? Exchanges not spelled out may. */
function retries(ctx: ModuleContext, exchanges: Node | undefined): boolean {
  // No exchanges: urql's defaults (cache and fetch) retry nothing.
  if (exchanges === undefined) return false;
  const list = unwrap(ctx.valueOf(exchanges));
  if (list?.type !== 'ArrayExpression') return true;
  return (list.elements as (Node | null)[]).some((e) => {
    const x = unwrap(e ?? undefined);
    if (x === undefined || x.type === 'SpreadElement') return true;
    const name = x.type === 'CallExpression' ? calleeName(x) : x.type === 'Identifier' ? x.name : undefined;
    return name === 'retryExchange';
  });
}

/** The urql client a `new` or call builds, with its options; undefined for anything else. */
function urqlClient(ctx: ModuleContext, node: Node): Node | undefined {
  const callee = unwrap(node.callee as Node);
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined || !PACKAGES.has(imp.source)) return undefined;
  const built =
    (node.type === 'NewExpression' && imp.imported === 'Client') ||
    (node.type === 'CallExpression' && imp.imported === 'createClient');
  return built ? (node.arguments as Node[])[0] : undefined;
}

/**
 * Reports urql clients built with no timeout, and (in server code) with no retry, at their construction.
 * @example
 * unguardedUrqlClients(ctx, report); // `new Client({ url, exchanges: [fetchExchange] })`: both findings
 */
export function unguardedUrqlClients(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('urql') || /\.[jt]sx$/.test(ctx.file) || !isServerModule(ctx)) return;
  for (const node of [...ctx.of('NewExpression'), ...ctx.of('CallExpression')]) {
    const options = urqlClient(ctx, node);
    if (options === undefined) continue;
    const props = objectProps(ctx.valueOf(options));
    if (props === undefined || props.spread) continue;
    const cover = coverAt(ctx, node);
    const timed =
      cover.kinds.has('timeout') ||
      signalled(ctx, props.props.get('fetchOptions')) ||
      ownFetch(ctx, props.props.get('fetch'));
    if (!timed)
      report(
        'http-no-timeout',
        node,
        'urql Client has no timeout: its fetchExchange sends every query and mutation with none; give fetchOptions a signal (AbortSignal.timeout(ms)) or a fetch that sets one',
      );
    if (!cover.kinds.has('retry') && !retries(ctx, props.props.get('exchanges')))
      report(
        'no-retry',
        node,
        'urql Client has no retryExchange: its queries (idempotent reads) fail on the first transient fault; add retryExchange({ maxNumberAttempts, retryIf }) before fetchExchange',
        sharedOnly(ctx, node, false),
      );
  }
}
