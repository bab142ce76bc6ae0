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
/** A project's own module: relative, or a tsconfig path alias ('@/config', '~/config'). */
const PROJECT_IMPORT = /^(?:[./]|[@~#]\/)/;
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

/**
 * Is `value` a fetch that bounds nothing: the global one, `fetch.bind(globalThis)`, or a fetch package's own
 * (`import { fetch as f } from 'undici'`)? Shared with rules/supabaseClients.ts.
 */
export function plainFetch(ctx: ModuleContext, value: Node | undefined): boolean {
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
export function holderPath(ctx: ModuleContext, node: Node): string[] | undefined {
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

/** The generated APIs built on a configuration: `new ProductsApi(config)`, the config inline, held or a field. */
function apisOn(ctx: ModuleContext, config: Node): Node[] {
  const { parent } = ctx.climb(config, isCastOrParen);
  if (parent?.type === 'NewExpression') return [parent];
  const path = holderPath(ctx, config)?.join('.');
  if (path === undefined) return [];
  return ctx
    .of('NewExpression')
    .filter((n) => (n.arguments as Node[]).some((a) => memberPath(a)?.join('.') === path));
}

/** Does a generated API's call bound itself: last argument options with `signal` or `timeout`, or overrides adding a signal? */
function callBounded(ctx: ModuleContext, call: Node): boolean {
  const last = ctx.valueOf((call.arguments as Node[]).at(-1));
  const v = unwrap(last);
  // typescript-fetch initOverrides given as a function (`async ({ init }) => ({ ...init, signal })`).
  if (v?.type === 'ArrowFunctionExpression' || v?.type === 'FunctionExpression')
    return /\bsignal\b/.test(ctx.source.slice(v.start as number, v.end as number));
  const props = objectProps(last);
  return props !== undefined && (props.props.has('signal') || props.props.has('timeout'));
}

/** Does every call on every API built on the configuration bound itself (a `signal` or a `timeout`)? */
function apisSignalled(ctx: ModuleContext, config: Node): boolean {
  const apis = apisOn(ctx, config);
  return (
    apis.length > 0 &&
    apis.every((api) => {
      const path = holderPath(ctx, api);
      if (path === undefined) return false;
      const calls = callsOn(ctx, path);
      return calls.length > 0 && calls.every((call) => callBounded(ctx, call));
    })
  );
}

/** `axios.defaults.timeout = ms` in the module: typescript-axios's global instance is bounded. */
function axiosDefaultsTimed(ctx: ModuleContext): boolean {
  return ctx.of('ExpressionStatement').some((st) => {
    const e = unwrap(st.expression as Node);
    return (
      e?.type === 'AssignmentExpression' &&
      memberPath(e.left as Node)
        ?.slice(-2)
        .join('.') === 'defaults.timeout'
    );
  });
}

/** `baseOptions` that may carry a timeout: out of sight, spread, or holding `timeout` or `signal`. */
function boundingBaseOptions(ctx: ModuleContext, value: Node): boolean {
  const props = objectProps(ctx.valueOf(value));
  return props === undefined || props.spread || props.props.has('timeout') || props.props.has('signal');
}

/** Why a generated `Configuration` is unbounded: the global fetch handed as fetchApi, or no fetchApi at all. */
type Unbounded = 'fetchApi' | 'default';

/** `new Configuration({ fetchApi: fetch })` of a typescript-fetch runtime, with no middleware, or one with none. */
function untimedFetchApiConfiguration(ctx: ModuleContext, node: Node): Unbounded | undefined {
  // The runtime's `Configuration`, imported from a package: a project's own class (relative or a tsconfig
  // alias such as '@/config', '~/config') is unread. openai v3's is not reported: its 10-minute default
  // (rules/thirdPartyClients.ts).
  const callee = unwrap(node.callee as Node);
  const imp = ctx.importRoot(callee);
  const name = callee?.type === 'MemberExpression' ? calleeName(node) : imp?.imported;
  if (name !== 'Configuration' || imp === undefined || PROJECT_IMPORT.test(imp.source)) return undefined;
  if (imp.source === 'openai') return undefined;
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[0]));
  if (props === undefined || props.spread || props.props.has('middleware')) return undefined;
  if ([...props.props.keys()].some((key) => /timeout/i.test(key))) return undefined;
  const fetchApi = props.props.get('fetchApi');
  if (fetchApi !== undefined) return plainFetch(ctx, ctx.valueOf(fetchApi)) ? 'fetchApi' : undefined;
  // No fetchApi: a generator's configuration (its own option names, pointed at a basePath), not handed
  // an axios config or instance that may carry a timeout, and the global axios not given one.
  const baseOptions = props.props.get('baseOptions');
  if (baseOptions !== undefined && boundingBaseOptions(ctx, baseOptions)) return undefined;
  const keys = [...props.props.keys()].filter((key) => key !== 'baseOptions');
  if (!props.props.has('basePath') || !keys.every((key) => GENERATED_OPTIONS.has(key))) return undefined;
  if (axiosDefaultsTimed(ctx)) return undefined;
  return apisOn(ctx, node).some((api) => handedAxios(ctx, api, node)) ? undefined : 'default';
}

/** Is the API (`new XApi(config, basePath, axiosInstance)`) built on `config` handed its own axios instance? */
function handedAxios(ctx: ModuleContext, api: Node, config: Node): boolean {
  const [first, , instance] = api.arguments as Node[];
  if (instance === undefined) return false;
  // Only an API taking the configuration first: another class handed it elsewhere is no generated API.
  const f = unwrap(first);
  if (f === unwrap(config)) return true;
  const path = holderPath(ctx, config)?.join('.');
  return path !== undefined && memberPath(f)?.join('.') === path;
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
    const why = untimedFetchApiConfiguration(ctx, node);
    if (why === undefined || apisSignalled(ctx, node)) continue;
    if (unreadClient(ctx, node) || coverAt(ctx, node).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      node,
      why === 'fetchApi'
        ? 'generated API client configured with the global fetch as fetchApi: its runtime adds no signal, so every call through it can hang until the function times out; hand it a fetchApi that adds AbortSignal.timeout(ms)'
        : 'generated API client configured with no fetchApi: its runtime sends through the global fetch (or the global axios) with no timeout, so every call through it can hang until the function times out; hand it a fetchApi that adds AbortSignal.timeout(ms) (or baseOptions: { timeout } for typescript-axios)',
    );
  }
}
