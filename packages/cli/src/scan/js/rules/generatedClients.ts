// http-no-timeout for API clients generated from an OpenAPI spec that send through the global `fetch`.
// Their requests carry no signal unless the caller hands the client a bounded fetch, so a slow API holds
// every call until the function's own timeout. Reported where the client is built: the fetch it is handed
// there is what every call inherits (the catalogue of defaults: rules/thirdPartyClients.ts).
//
// - `openapi-fetch` `createClient(options)`: dist/index.mjs destructures `fetch: baseFetch =
//   globalThis.fetch` and spreads the rest of the options (RequestInit) into each request; no timeout of its
//   own. `fetch` (a bounded wrapper) or `signal` in the options bound it; a middleware (`client.use(...)`)
//   may return a Request with a signal, so a client given one has the benefit of the doubt.
// - openapi-generator's typescript-fetch runtime (`new Configuration({ fetchApi })`, handed to each
//   generated `XApi`; vendor SDKs such as `@kibocommerce/rest-sdk` ship the same runtime): BaseAPI.fetchApi
//   calls `(this.configuration.fetchApi || fetch)(url, init)` with no signal (client-runtime/index.js). The
//   `fetchApi` option names this runtime; without it the class may be another generator's (typescript-axios
//   has a `Configuration` too), so only a `fetchApi` that is the global fetch (`fetch`, `globalThis.fetch`,
//   `fetch.bind(globalThis)`, or node-fetch / cross-fetch / isomorphic-fetch) is reported. A `middleware`
//   (whose `pre` may add a signal) is given the benefit of the doubt.
import { calleeName, memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { unreadClient } from '../unreadClients.js';
import type { Report } from './Report.js';

/** Packages whose default export is the fetch itself (no timeout of their own). */
const FETCH_PACKAGES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici']);

/** Does the module name openapi-fetch or hand a generated client a `fetchApi`? (a text test before any walk) */
export function mentionsGeneratedClients(source: string): boolean {
  return source.includes('openapi-fetch') || source.includes('fetchApi');
}

/** Is `value` the global fetch (or a package's plain fetch), which sets no timeout? */
function plainFetch(ctx: ModuleContext, value: Node | undefined): boolean {
  let v = unwrap(value);
  // `fetch.bind(globalThis)`: the same function.
  if (v?.type === 'CallExpression' && calleeName(v) === 'bind') v = unwrap((v.callee as Node).object as Node);
  if (v?.type === 'Identifier') {
    const imp = ctx.importOf(v.name as string, v);
    if (imp !== undefined)
      return FETCH_PACKAGES.has(imp.source) && (v.name === 'fetch' || imp.imported === 'default');
    return v.name === 'fetch' && ctx.isGlobal('fetch', v);
  }
  const path = v?.type === 'MemberExpression' ? memberPath(v) : undefined;
  return path?.length === 2 && path[1] === 'fetch' && (path[0] === 'globalThis' || path[0] === 'window');
}

/** The variable a client is held in (`const api = createClient(...)`), if any. */
function heldName(ctx: ModuleContext, node: Node): string | undefined {
  const parent = ctx.parentOf(node);
  return parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier'
    ? (parent.id.name as string)
    : undefined;
}

/** Does the module hand the client a middleware (`api.use(...)`)? */
function givenMiddleware(ctx: ModuleContext, name: string | undefined): boolean {
  if (name === undefined) return false;
  return ctx.of('CallExpression').some((call) => {
    const callee = unwrap(call.callee as Node);
    return (
      callee?.type === 'MemberExpression' &&
      calleeName(call) === 'use' &&
      unwrap(callee.object as Node)?.type === 'Identifier' &&
      unwrap(callee.object as Node)?.name === name
    );
  });
}

/** `createClient(options)` from openapi-fetch left on the global fetch with no signal. */
function untimedOpenapiFetch(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee as Node);
  const imp = ctx.importRoot(callee);
  if (imp?.source !== 'openapi-fetch') return false;
  if (callee?.type === 'MemberExpression' && calleeName(call) !== 'default') return false;
  if (callee?.type === 'Identifier' && imp.imported !== 'default' && imp.imported !== 'createClient')
    return false;
  const options = (call.arguments as Node[])[0];
  if (options !== undefined) {
    const props = objectProps(ctx.valueOf(options));
    if (props === undefined || props.spread || props.props.has('signal')) return false;
    const fetch = props.props.get('fetch');
    if (fetch !== undefined && !plainFetch(ctx, ctx.valueOf(fetch))) return false;
  }
  return !givenMiddleware(ctx, heldName(ctx, call));
}

/** `new Configuration({ fetchApi: fetch })` of a typescript-fetch runtime, with no middleware. */
function untimedFetchApiConfiguration(ctx: ModuleContext, node: Node): boolean {
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[0]));
  if (props === undefined || props.spread || props.props.has('middleware')) return false;
  const fetchApi = props.props.get('fetchApi');
  return fetchApi !== undefined && plainFetch(ctx, ctx.valueOf(fetchApi));
}

/**
 * Generated OpenAPI clients built over the global fetch with nothing to bound it.
 * @example
 * untimedGeneratedClients(ctx, report); // reports `createClient<paths>({ baseUrl })` from 'openapi-fetch'
 */
export function untimedGeneratedClients(ctx: ModuleContext, report: Report): void {
  if (!mentionsGeneratedClients(ctx.source)) return;
  for (const call of ctx.of('CallExpression')) {
    if (!untimedOpenapiFetch(ctx, call)) continue;
    // A client nothing reads sends nothing; one built under a timeout policy is bounded there.
    if (unreadClient(ctx, call) || coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      'openapi-fetch client built on the global fetch with no signal: every request through it can hang until the function times out; pass a fetch that adds AbortSignal.timeout(ms)',
    );
  }
  for (const node of ctx.of('NewExpression')) {
    if (!untimedFetchApiConfiguration(ctx, node)) continue;
    if (unreadClient(ctx, node) || coverAt(ctx, node).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      node,
      'generated API client configured with the global fetch as fetchApi: its runtime adds no signal, so every call through it can hang until the function times out; hand it a fetchApi that adds AbortSignal.timeout(ms)',
    );
  }
}
