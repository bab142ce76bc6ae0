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
//   `fetchApi` that is the global fetch (`fetch`, `globalThis.fetch`, `fetch.bind(globalThis)`, or
//   node-fetch / cross-fetch / isomorphic-fetch) is reported. A `middleware` (whose `pre` may add a signal)
//   is given the benefit of the doubt.
// - The same `Configuration` with no `fetchApi` (`new Configuration({ basePath, accessToken })`): the
//   typescript-fetch runtime then calls the global fetch, and typescript-axios's (which has a `Configuration`
//   too) sends through the global axios instance (BaseAPI's third argument defaults to `globalAxios`, timeout
//   0: none) unless `baseOptions` carries one. Either way no timeout, so it is reported too (readers label
//   it). To tell a generated configuration from any other class named so, every option must be one of the
//   generators' ConfigurationParameters and `basePath` must be among them; `baseOptions` (axios config that
//   may hold a timeout) and an API handed its own axios instance get the benefit of the doubt.
import { calleeName, memberPath, type Node, objectProps, unwrap } from '../ast.js';
import { heldIn, isCastOrParen } from '../heldIn.js';
import { FETCH_MODULES } from '../httpCall.js';
import { globalFetch } from '../injectedFetchFields.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { unreadClient } from '../unreadClients.js';
import type { Report } from './Report.js';

const USE = new Set(['use']);
/** openapi-fetch's client factories. */
const OPENAPI_FETCH_FACTORIES = new Set(['default', 'createClient', 'createPathBasedClient']);
/** typescript-fetch's and typescript-axios's ConfigurationParameters, less the ones that may bound a request. */
const GENERATED_OPTIONS = new Set([
  'basePath',
  'apiKey',
  'accessToken',
  'username',
  'password',
  'headers',
  'credentials',
  'queryParamsStringify',
  'awsv4',
  'serverIndex',
  'formDataCtor',
]);
/** openapi-fetch's request methods. */
const VERBS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']);

/** Does the module name openapi-fetch or hand a generated client a `fetchApi`? (a text test before any walk) */
export function mentionsGeneratedClients(spells: (word: string) => boolean): boolean {
  // A text test as mentionsExtendedSqs (rules/extendedSqsClient.ts): the gate's words or the rule's ctx.spells.
  return (
    spells('openapi-fetch') ||
    spells('fetchApi') ||
    spells('new Configuration(') ||
    spells('Configuration as ')
  );
}

/** Is `value` the global fetch (or a package's plain fetch, `import { fetch as f } from 'undici'`)? */
function plainFetch(ctx: ModuleContext, value: Node | undefined): boolean {
  let v = unwrap(value);
  // `fetch.bind(globalThis)`: the same function.
  if (v?.type === 'CallExpression' && calleeName(v) === 'bind') v = unwrap((v.callee as Node).object as Node);
  if (v?.type === 'Identifier') {
    const imp = ctx.importOf(v.name as string, v);
    if (imp !== undefined)
      return FETCH_MODULES.has(imp.source) && (imp.imported === 'fetch' || imp.imported === 'default');
  }
  return globalFetch(ctx, v);
}

/** Where a built client is kept: `const api = ...` gives ['api'], a class field `client = ...` ['this', 'client']. */
function holderPath(ctx: ModuleContext, node: Node): string[] | undefined {
  const held = heldIn(ctx, node);
  if (held !== undefined) return [held.id.name as string];
  const { parent } = ctx.climb(node, isCastOrParen);
  if (parent?.type === 'PropertyDefinition' && parent.key?.type === 'Identifier')
    return ['this', parent.key.name as string];
  if (parent?.type === 'AssignmentExpression') return memberPath(parent.left as Node);
  return undefined;
}

/** Calls of `method` on the client kept at `path` (`api.use(...)`, `this.client.GET(...)`). */
function callsOn(ctx: ModuleContext, path: readonly string[], methods?: ReadonlySet<string>): Node[] {
  return ctx.of('CallExpression').filter((call) => {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'MemberExpression') return false;
    if (methods !== undefined && !methods.has(calleeName(call) ?? '')) return false;
    return memberPath(callee.object as Node)?.join('.') === path.join('.');
  });
}

/** Is this middleware out of sight (imported) or one whose `onRequest` sets a signal? */
function boundingMiddleware(ctx: ModuleContext, arg: Node): boolean {
  const a = unwrap(arg);
  if (a?.type === 'Identifier' && ctx.importOf(a.name as string, a) !== undefined) return true;
  const props = objectProps(ctx.valueOf(arg));
  if (props === undefined) return false;
  const onRequest = props.props.get('onRequest');
  return onRequest !== undefined && ctx.source.slice(onRequest.start, onRequest.end).includes('signal');
}

/** Is the client handed a middleware that may bound its requests (`api.use(...)`)? */
function givenMiddleware(ctx: ModuleContext, path: string[] | undefined): boolean {
  if (path === undefined) return false;
  return callsOn(ctx, path, USE).some((call) =>
    (call.arguments as Node[]).some((a) => boundingMiddleware(ctx, a)),
  );
}

/** Does every request on the client pass its own `signal` (`api.GET(path, { signal })`)? */
function everyRequestSignalled(
  ctx: ModuleContext,
  path: string[] | undefined,
  verbs?: ReadonlySet<string>,
): boolean {
  if (path === undefined) return false;
  const requests = callsOn(ctx, path, verbs);
  return (
    requests.length > 0 &&
    requests.every((call) => {
      const props = objectProps(ctx.valueOf((call.arguments as Node[])[1]));
      return props?.props.has('signal') === true;
    })
  );
}

/** `createClient(options)` from openapi-fetch left on the global fetch with no signal. */
function untimedOpenapiFetch(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee as Node);
  const imp = ctx.importRoot(callee);
  if (imp?.source !== 'openapi-fetch') return false;
  if (callee?.type === 'MemberExpression' && !OPENAPI_FETCH_FACTORIES.has(calleeName(call) ?? ''))
    return false;
  if (callee?.type === 'Identifier' && !OPENAPI_FETCH_FACTORIES.has(imp.imported)) return false;
  const options = (call.arguments as Node[])[0];
  if (options !== undefined) {
    const props = objectProps(ctx.valueOf(options));
    if (props === undefined || props.spread || props.props.has('signal')) return false;
    const fetch = props.props.get('fetch');
    if (fetch !== undefined && !plainFetch(ctx, ctx.valueOf(fetch))) return false;
  }
  const path = holderPath(ctx, call);
  return !givenMiddleware(ctx, path) && !everyRequestSignalled(ctx, path, VERBS);
}

/** The generated APIs built on a configuration: `new ProductsApi(config)` with the config inline or held. */
function apisOn(ctx: ModuleContext, config: Node): Node[] {
  const { parent } = ctx.climb(config, isCastOrParen);
  if (parent?.type === 'NewExpression') return [parent];
  const held = heldIn(ctx, config);
  if (held === undefined) return [];
  return ctx
    .of('NewExpression')
    .filter((n) =>
      (n.arguments as Node[]).some(
        (a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === held.id.name,
      ),
    );
}

/** Does every call on every API built on the configuration pass init overrides with a `signal`? */
function apisSignalled(ctx: ModuleContext, config: Node): boolean {
  const apis = apisOn(ctx, config);
  return apis.length > 0 && apis.every((api) => everyRequestSignalled(ctx, holderPath(ctx, api)));
}

/** `new Configuration({ fetchApi: fetch })` of a typescript-fetch runtime, with no middleware. */
function untimedFetchApiConfiguration(ctx: ModuleContext, node: Node): boolean {
  // The runtime's `Configuration`, imported from a package: a project's own class taking `fetchApi` is unread.
  const callee = unwrap(node.callee as Node);
  const imp = ctx.importRoot(callee);
  const name = callee?.type === 'MemberExpression' ? calleeName(node) : imp?.imported;
  if (name !== 'Configuration' || imp === undefined || /^[./]/.test(imp.source)) return false;
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[0]));
  if (props === undefined || props.spread || props.props.has('middleware')) return false;
  if ([...props.props.keys()].some((key) => /timeout/i.test(key))) return false;
  const fetchApi = props.props.get('fetchApi');
  if (fetchApi !== undefined) return plainFetch(ctx, ctx.valueOf(fetchApi));
  // No fetchApi: a generator's configuration (its own option names, pointed at a basePath), not handed
  // an axios config or instance that may carry a timeout.
  const keys = [...props.props.keys()];
  if (!props.props.has('basePath') || !keys.every((key) => GENERATED_OPTIONS.has(key))) return false;
  return !apisOn(ctx, node).some((api) => handedAxios(ctx, api, node));
}

/** Is the API (`new XApi(config, basePath, axiosInstance)`) built on `config` handed its own axios instance? */
function handedAxios(ctx: ModuleContext, api: Node, config: Node): boolean {
  const [first, , instance] = api.arguments as Node[];
  if (instance === undefined) return false;
  // Only an API taking the configuration first: another class handed it elsewhere is no generated API.
  const held = heldIn(ctx, config);
  const f = unwrap(first);
  return f === unwrap(config) || (f?.type === 'Identifier' && f.name === held?.id.name);
}

/**
 * Generated OpenAPI clients built over the global fetch with nothing to bound it.
 * @example
 * untimedGeneratedClients(ctx, report); // reports `createClient<paths>({ baseUrl })` from 'openapi-fetch'
 */
export function untimedGeneratedClients(ctx: ModuleContext, report: Report): void {
  if (!mentionsGeneratedClients((w) => ctx.spells(w))) return;
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
    if (!untimedFetchApiConfiguration(ctx, node) || apisSignalled(ctx, node)) continue;
    if (unreadClient(ctx, node) || coverAt(ctx, node).kinds.has('timeout')) continue;
    const named = /\bfetchApi\b/.test(ctx.source.slice(node.start as number, node.end as number));
    report(
      'http-no-timeout',
      node,
      named
        ? 'generated API client configured with the global fetch as fetchApi: its runtime adds no signal, so every call through it can hang until the function times out; hand it a fetchApi that adds AbortSignal.timeout(ms)'
        : 'generated API client configured with no fetchApi: its runtime sends through the global fetch (or the global axios) with no timeout, so every call through it can hang until the function times out; hand it a fetchApi that adds AbortSignal.timeout(ms) (or baseOptions: { timeout } for typescript-axios)',
    );
  }
}
