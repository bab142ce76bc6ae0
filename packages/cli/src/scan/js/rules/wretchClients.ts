// http-no-timeout for wretch, a chainable wrapper of fetch (catalogued in rules/thirdPartyClients.ts). wretch
// hands its options to the global fetch with no timer of its own (src/resolver.ts); a bound comes from
// `.setTimeout(ms)` on a request (built into 1.x's response chain, the abort addon's in 2.x/3.x), from a signal
// made per request (`wretch(url, { signal })`, `.options({ signal })` or `.signal(c)` inside a function), or
// from a fetch of the project's own (`.fetchPolyfill()`, `.polyfills({ fetch })`). wretch keeps an instance's
// options and spreads them into every fetch, so a signal set on a module-scope instance is ONE signal: an
// `AbortSignal.timeout(ms)` fires once, ms after the cold start, and every later request rejects at once.
// Projects build one instance per API (`export const api = wretch(base).auth(key)`) and send through it
// elsewhere, so the finding sits at the `wretch(...)` that makes the instance, where the fix goes.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import { loadsPackage } from '../loadsPackage.js';
import type { ModuleContext } from '../ModuleContext.js';
import { requiredSpecifier } from '../moduleSpecifier.js';
import { coverAt } from '../protection.js';
import type { Report } from './Report.js';

/** Fetches that add no timer of their own: a polyfill of one of these bounds nothing. */
const PLAIN_FETCH = /^(?:node-fetch|cross-fetch|isomorphic-fetch|isomorphic-unfetch|undici)(?:\/|$)/;

/** Does the module import wretch? (a text test before any walk) */
export function mentionsWretch(source: string): boolean {
  return loadsPackage(source, 'wretch');
}

/**
 * Does the module load the abort addon? By its import: the default of `wretch/addons/abort`, `abortAddon`
 * of `wretch/addons`, or `wretch/all` (the bundle with every addon).
 */
export function importsAbortAddon(source: string): boolean {
  return (
    /['"`]wretch\/(?:addons\/abort|all)(?:\.js)?['"`]/.test(source) ||
    /\{[^}]*\babortAddon\b[^}]*\}\s*(?:from\s*|=\s*require\(\s*)['"`]wretch\/addons['"`]/.test(source)
  );
}

/** Is `node` a plain fetch from a package that adds no timer (`require('node-fetch')`, an import of undici)? */
function plainFetch(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(ctx.valueOf(node) ?? node);
  if (n?.type === 'Identifier' && n.name === 'fetch' && ctx.isGlobal('fetch', n)) return true;
  const required = requiredSpecifier(n);
  if (required !== undefined) return PLAIN_FETCH.test(required);
  const imp = ctx.importRoot(node);
  return imp !== undefined && PLAIN_FETCH.test(imp.source);
}

/** Is `node` (an addon or middleware, called or not) one wretch itself ships? None of them sets a timer. */
function wretchOwn(ctx: ModuleContext, node: Node | undefined): boolean {
  const imp = ctx.importRoot(node);
  return imp !== undefined && /^wretch(?:\/|$)/.test(imp.source);
}

/** What fetch options do to the bound: none given or none with a `signal`, a signal, or out of sight. */
function optionsEffect(ctx: ModuleContext, arg: Node | undefined): 'bound' | 'signal' | undefined {
  if (arg === undefined) return undefined;
  const props = objectProps(ctx.valueOf(arg));
  if (props === undefined || props.spread) return 'bound'; // options out of sight
  return props.props.has('signal') ? 'signal' : undefined;
}

/** What a chain call does to the bound: 'bound', 'signal' (a signal, maybe one shared), or nothing. */
function chainEffect(
  ctx: ModuleContext,
  call: Node,
  method: string | undefined,
): 'bound' | 'signal' | undefined {
  const args = call.arguments as Node[];
  switch (method) {
    case 'signal':
      return 'signal';
    case 'setTimeout':
      return 'bound';
    case 'options':
      return optionsEffect(ctx, args[0]);
    case 'fetchPolyfill':
      return plainFetch(ctx, args[0]) ? undefined : 'bound';
    case 'polyfills': {
      const props = objectProps(ctx.valueOf(args[0]));
      if (props === undefined || props.spread) return 'bound';
      const fetch = props.props.get('fetch');
      return fetch === undefined || plainFetch(ctx, fetch) ? undefined : 'bound';
    }
    case 'addon':
      // Only the abort addon bounds (read module-wide); a project's own addon is given the benefit of the doubt.
      return wretchOwn(ctx, args[0]) ? undefined : 'bound';
    case 'middlewares': {
      const list = unwrap(ctx.valueOf(args[0]) ?? args[0]);
      if (list?.type !== 'ArrayExpression') return 'bound';
      return (list.elements as Node[]).every((e) => wretchOwn(ctx, e)) ? undefined : 'bound';
    }
    default:
      return undefined;
  }
}

/**
 * Does the chain built on `root` (`wretch(url).auth(k).headers(h)`, read outwards from the call) set a
 * bound ('bound'), only a signal ('signal'), or neither?
 */
function chainBounds(ctx: ModuleContext, root: Node): 'bound' | 'signal' | undefined {
  let n: Node = root;
  let found: 'signal' | undefined;
  for (;;) {
    const member = unwrap(ctx.parentOf(n));
    if (member?.type !== 'MemberExpression' || unwrap(member.object as Node) !== unwrap(n)) return found;
    const call = unwrap(ctx.parentOf(member));
    if (call?.type !== 'CallExpression' || unwrap(call.callee as Node) !== member) return found;
    const effect = chainEffect(ctx, call, calleeName(call));
    if (effect === 'bound') return 'bound';
    if (effect === 'signal') found = 'signal';
    n = call;
  }
}

/**
 * A bound some request of the module sets on whatever instance it sends through: a chained
 * `.setTimeout(ms)` (not the global timer), or a signal set inside a function (`api.options({ signal:
 * AbortSignal.timeout(ms) }).get()`). Read module-wide, as the abort addon is, not traced to its instance.
 */
function requestBound(ctx: ModuleContext): boolean {
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const method = calleeName(call);
    if (method === 'setTimeout' && unwrap(callee.object as Node)?.type === 'CallExpression') return true;
    if ((method === 'options' || method === 'signal') && ctx.enclosingFunction(call) !== undefined) {
      if (chainEffect(ctx, call, method) === 'signal') return true;
    }
  }
  return false;
}

/**
 * `wretch(url?, options?)` calls that make an instance or a request with no bound: no signal made per request
 * in the options or along the chain, no fetch of the project's own, and no abort addon or chained
 * `.setTimeout(ms)` anywhere in the module (a request may set it on an instance built above it). A signal on
 * an instance built at module scope is reported with its own message: it is shared by every request.
 * @example
 * untimedWretch(ctx, report); // reports `export const api = wretch('https://api.example.com').auth(key)`
 */
export function untimedWretch(ctx: ModuleContext, report: Report): void {
  if (!mentionsWretch(ctx.source) || importsAbortAddon(ctx.source)) return;
  let perRequest: boolean | undefined;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp?.source !== 'wretch' || (imp.imported !== 'default' && imp.imported !== '*')) continue;
    const opts = optionsEffect(ctx, (call.arguments as Node[])[1]);
    const chain = chainBounds(ctx, call);
    if (opts === 'bound' || chain === 'bound') continue;
    const signal = opts === 'signal' || chain === 'signal';
    // A signal made where the instance is made per request bounds that request.
    if (signal && ctx.enclosingFunction(call) !== undefined) continue;
    perRequest ??= requestBound(ctx);
    if (perRequest || coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      signal
        ? 'wretch instance built at module scope with a signal in its options: wretch spreads the same signal into every request, so an AbortSignal.timeout(ms) fires once, ms after the cold start, and every warm request after it fails at once (a controller never aborted bounds nothing); add the abort addon and call .setTimeout(ms) on each request, or pass a fresh signal per request (api.options({ signal: AbortSignal.timeout(ms) }).get())'
        : 'wretch instance built with no timeout: wretch hands its requests to fetch with no signal, so each can wait as long as the server takes; add the abort addon and call .setTimeout(ms) on each request, or pass a fresh signal per request (api.options({ signal: AbortSignal.timeout(ms) }).get()) or a fetchPolyfill that adds one',
    );
  }
}
