// http-no-timeout for wretch, a chainable wrapper of fetch (catalogued in rules/thirdPartyClients.ts). wretch
// hands its options to the global fetch with no timer of its own (src/resolver.ts); a
// bound comes only from the abort addon (`.addon(AbortAddon())` then `.setTimeout(ms)` on the request, or
// `.signal(controller)`), from a `signal` in `wretch(url, { signal })` / `.options({ signal })`, or from a
// fetch of the project's own (`.fetchPolyfill()`, `.polyfills({ fetch })`). Projects build one instance per
// API (`export const api = wretch(base).auth(key)`) and send through it elsewhere, so the finding sits at
// the `wretch(...)` that makes the instance, where the fix goes.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import type { Report } from './Report.js';

/** Chain methods that bound the requests or may (a signal, a polyfilled fetch, an addon we cannot read). */
const BOUNDING = new Set(['signal', 'setTimeout', 'fetchPolyfill', 'polyfills', 'addon', 'middlewares']);

/** Does the module import wretch? (a text test before any walk) */
export function mentionsWretch(source: string): boolean {
  return /(?:\bfrom\s*|\brequire\(\s*)['"`]wretch['"`]/.test(source);
}

/** Options seen in full without a `signal` (absent ones count as none). */
function unsignalled(ctx: ModuleContext, arg: Node | undefined): boolean {
  if (arg === undefined) return true;
  const props = objectProps(ctx.valueOf(arg));
  return props !== undefined && !props.spread && !props.props.has('signal');
}

/**
 * Does the chain built on `root` (`wretch(url).auth(k).headers(h)`, read outwards from the call) set
 * a bound, or hand options the scan cannot read?
 */
function chainBounds(ctx: ModuleContext, root: Node): boolean {
  let n: Node = root;
  for (;;) {
    const member = unwrap(ctx.parentOf(n));
    if (member?.type !== 'MemberExpression' || unwrap(member.object as Node) !== unwrap(n)) return false;
    const call = unwrap(ctx.parentOf(member));
    if (call?.type !== 'CallExpression' || unwrap(call.callee as Node) !== member) return false;
    const method = calleeName(call);
    if (method !== undefined && BOUNDING.has(method)) return true;
    if (method === 'options' && !unsignalled(ctx, (call.arguments as Node[])[0])) return true;
    n = call;
  }
}

/**
 * `wretch(url?, options?)` calls that make an instance or a request with no bound: no `signal` in the
 * options, none set along the chain, and no abort addon anywhere in the module (a request may set
 * `.setTimeout(ms)` on an instance built above it).
 * @example
 * untimedWretch(ctx, report); // reports `export const api = wretch('https://api.example.com').auth(key)`
 */
export function untimedWretch(ctx: ModuleContext, report: Report): void {
  if (!mentionsWretch(ctx.source) || /['"`]wretch\/addons\/abort['"`]|\bAbortAddon\b/.test(ctx.source))
    return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp?.source !== 'wretch' || (imp.imported !== 'default' && imp.imported !== '*')) continue;
    if (!unsignalled(ctx, (call.arguments as Node[])[1]) || chainBounds(ctx, call)) continue;
    if (coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      'wretch instance built with no timeout: wretch hands its requests to fetch with no signal, so each can wait as long as the server takes; add the abort addon and .setTimeout(ms) per request, or pass { signal: AbortSignal.timeout(ms) } in the options',
    );
  }
}
