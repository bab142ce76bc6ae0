// The HTTP libraries a request can be made with, and what each does by default: the option keys that
// bound a request in time, and whether idempotent requests are retried without being asked. What the
// scan says of a request follows from these defaults (rules/http.ts): a library that waits forever by
// default is reported where a request sets no bound; one that retries by default gets no `no-retry`.
// Each entry names the documentation it was read from.
import { calleeName, type Node, objectProps, propertyName, stringValue, unwrap } from './ast.js';
import { callbackForm } from './familyCallbacks.js';
import { memberMethod } from './httpVerbs.js';
import type { ModuleContext } from './ModuleContext.js';
import { unassignedVar } from './unassignedVar.js';

export type HttpLib =
  | 'fetch'
  | 'axios'
  | 'got'
  | 'superagent'
  | 'undici'
  | 'ky'
  | 'node-http'
  | 'request'
  | 'needle'
  | 'ofetch'
  | 'then-request';

interface LibraryDefaults {
  /** Option keys that bound a request; none set means the library's default (below) applies. */
  readonly timeoutKeys: readonly string[];
  /** The documented default timeout, in ms; null: none (the request can wait forever). */
  readonly timeoutMs: number | null;
  /** Does the library retry idempotent requests without being asked? */
  readonly retries: boolean;
}

/**
 * The catalogue.
 * @example
 * HTTP_LIBRARIES.ky.timeoutMs; // 10000
 */
export const HTTP_LIBRARIES: Readonly<Record<HttpLib, LibraryDefaults>> = {
  // WHATWG fetch (Node's undici-based global, node-fetch, cross-fetch, isomorphic-unfetch): no timeout of its own; Node gives
  // up on headers after 300 s (undici headersTimeout). node-fetch 2 README, "Options": `timeout: 0`.
  fetch: { timeoutKeys: ['signal', 'timeout', 'dispatcher'], timeoutMs: null, retries: false },
  // undici README, `request` options: headersTimeout and bodyTimeout 300 s each, no retry unless the
  // RetryAgent is used.
  undici: {
    timeoutKeys: ['signal', 'headersTimeout', 'bodyTimeout', 'dispatcher'],
    timeoutMs: null,
    retries: false,
  },
  // axios README, "Request Config": `timeout: 0` (no timeout); axios itself never retries.
  axios: { timeoutKeys: ['timeout', 'signal', 'cancelToken'], timeoutMs: null, retries: false },
  // got docs, "timeout" ("By default, there is no timeout") and "retry" (limit 2, GET/PUT/HEAD/DELETE/
  // OPTIONS/TRACE, on network errors, 408/413/429/5xx).
  got: { timeoutKeys: ['timeout', 'signal'], timeoutMs: null, retries: true },
  // ky README: `timeout` 10000 ms, `retry` 2 for idempotent methods.
  ky: { timeoutKeys: ['timeout', 'signal'], timeoutMs: 10_000, retries: true },
  // superagent docs, "Timeouts" (`.timeout({ response, deadline })`, none by default) and "Retrying
  // requests" (`.retry(n)`, off by default): both are chained, not options.
  superagent: { timeoutKeys: [], timeoutMs: null, retries: false },
  // Node docs, http.request: `timeout` only sets the socket's idle timeout, none by default.
  'node-http': { timeoutKeys: ['timeout', 'signal'], timeoutMs: null, retries: false },
  // request README, "request(options, callback)": `timeout` in ms, none unless set; no retry (the
  // `requestretry` wrapper adds maxAttempts 5). request-promise(-native) take the same options.
  request: { timeoutKeys: ['timeout'], timeoutMs: null, retries: false },
  // needle README, "Request options": open_timeout 10 s bounds only the connection (`timeout` is its
  // alias); response_timeout and read_timeout default to 0 (none). No retry.
  needle: { timeoutKeys: ['response_timeout', 'read_timeout', 'signal'], timeoutMs: null, retries: false },
  // ofetch docs, "Timeout" (none unless `timeout` is set) and "Auto retry" (GET/HEAD/OPTIONS/TRACE
  // once on 408/409/425/429/5xx and network errors).
  ofetch: { timeoutKeys: ['timeout', 'signal'], timeoutMs: null, retries: true },
  // sync-request README, "Options" (passed through to then-request, whose README lists the same):
  // `timeout` (default false: "times out if no response is returned within the given number of
  // milliseconds"), `socketTimeout` (default false, req.setTimeout), `retry` (default false, GETs only).
  'then-request': { timeoutKeys: ['timeout', 'socketTimeout'], timeoutMs: null, retries: false },
};

type FamilyLib = 'request' | 'needle' | 'ofetch' | 'then-request';

/** Packages of the request family: called as `request(options, cb)` or `request.get(url, cb)`. */
const REQUEST_FAMILY: Readonly<Record<string, FamilyLib>> = {
  request: 'request',
  'request-promise': 'request',
  'request-promise-native': 'request',
  'request-promise-any': 'request',
  requestretry: 'request',
  needle: 'needle',
  ofetch: 'ofetch',
  // `request(method, url, options)`: then-request, and sync-request which runs it in a child process.
  'then-request': 'then-request',
  'sync-request': 'then-request',
};

/** Every module a request of the family can come from (httpCall.ts importsHttp). */
export const FAMILY_SOURCES: readonly string[] = Object.keys(REQUEST_FAMILY);

export interface FamilyCall {
  readonly lib: FamilyLib;
  readonly method: string | undefined;
  readonly options: Node | undefined;
  /** Retries idempotent requests by default (requestretry, a wrapper of request). */
  readonly package?: string;
  /** Returns the response itself, not a promise (sync-request blocks until the answer is in). */
  readonly sync?: true;
  /** Given a callback: answers a stream and hands the outcome to the callback, not a promise (familyCallbacks.ts). */
  readonly callback?: true;
}

/** The request method an options object names (`method: 'POST'`), GET when it names none. */
function methodIn(ctx: ModuleContext, options: Node | undefined): string | undefined {
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined)
    return options === undefined || stringValue(options) !== undefined ? 'GET' : undefined;
  const m = props.props.get('method');
  if (m === undefined) return props.spread ? undefined : 'GET';
  return (stringValue(m) ?? stringValue(ctx.valueOf(m)))?.toUpperCase();
}

/**
 * A request through the request family: `request(options, cb)`, `rp({ uri, method })`,
 * `request.get(url, options, cb)`, `needle('get', url, data, options)`, `needle.post(url, data, options)`,
 * `ofetch(url, options)`, `ofetch.raw(url, options)`, `syncRequest('GET', url, options)`. `asMember` names the method when the call's own name
 * is another (`getAsync` of a promisified copy is `get`).
 */
export function familyCall(
  ctx: ModuleContext,
  call: Node,
  source: string,
  asMember?: string,
): FamilyCall | undefined {
  const lib = Object.hasOwn(REQUEST_FAMILY, source) ? REQUEST_FAMILY[source] : undefined;
  if (lib === undefined) return undefined;
  const args = call.arguments as Node[];
  const pkg = {
    ...(source === 'requestretry' ? { package: source } : {}),
    ...(callbackForm(ctx, call, source) ? { callback: true as const } : {}),
  };
  const member =
    asMember ?? (unwrap(call.callee)?.type === 'MemberExpression' ? calleeName(call) : undefined);
  if (lib === 'needle') {
    // needle(method, url, data, options) and needle.request(...) alike; needle.get(url, options) and
    // needle.head(url, options), the other verbs with data before the options.
    if (member === undefined || member === 'request')
      return { lib, method: stringValue(args[0])?.toUpperCase(), options: args[3], ...pkg };
    const method = memberMethod(member);
    if (method === undefined) return undefined;
    return { lib, method, options: member === 'get' || member === 'head' ? args[1] : args[2], ...pkg };
  }
  if (lib === 'then-request')
    return member === undefined
      ? {
          lib,
          method: stringValue(args[0])?.toUpperCase(),
          options: args[2],
          ...(source === 'sync-request' ? { sync: true as const } : {}),
        }
      : undefined;
  if (lib === 'ofetch') {
    if (member !== undefined && member !== 'raw' && member !== 'native') return undefined;
    return { lib, method: methodIn(ctx, args[1]), options: args[1] };
  }
  const method = member === undefined ? undefined : memberMethod(member);
  if (member !== undefined && method === undefined) return undefined;
  const options = requestOptions(ctx, args);
  return { lib, method: method ?? methodIn(ctx, options), options, ...pkg };
}

const URL_NAME = /(url|uri|href|link|endpoint|path)s?$/i;

/**
 * The options of `request(url, options?, cb?)` / `request(options, cb?)` (and of `request.get(...)`): the
 * first argument when it is not a URL. A name the scan cannot read is a URL only when named like one
 * (`url`, `feedUri`, `process.env.API_URL`); otherwise it may be the options, and is taken as such.
 */
function requestOptions(ctx: ModuleContext, args: Node[]): Node | undefined {
  const first = args[0];
  const value = unwrap(ctx.valueOf(first));
  const named = unwrap(first);
  const name =
    named?.type === 'Identifier'
      ? (named.name as string)
      : named?.type === 'MemberExpression'
        ? (propertyName(named.property as Node, named.computed as boolean) ?? '')
        : '';
  const url =
    stringValue(value) !== undefined ||
    value?.type === 'TemplateLiteral' ||
    (value?.type === 'BinaryExpression' && value.operator === '+') ||
    (objectProps(value) === undefined && URL_NAME.test(name));
  if (!url) return unassignedVar(ctx, first) ?? first;
  const second = unwrap(args[1]);
  return second?.type === 'ArrowFunctionExpression' || second?.type === 'FunctionExpression'
    ? undefined
    : args[1];
}

/** The request family's own export: `request`, `rp`, `needle`, ofetch's `ofetch` / `$fetch`. */
export function familyImport(imp: { source: string; imported: string }): boolean {
  return (
    imp.imported === 'default' ||
    imp.imported === '*' ||
    imp.imported === 'ofetch' ||
    imp.imported === '$fetch'
  );
}
