// Third-party API clients with timeouts and retries of their own. What each does by default decides what
// the scan says of it: `http-no-timeout` and `no-retry` judge the HTTP libraries (js/httpDefaults.ts, with
// the packages built on them in js/httpLibraries.ts); an API client package is left to its defaults when
// they bound its requests, and reported where they do not (rules/apiClients.ts, rules/googleApis.ts) or
// where a default is itself the problem (the Slack retry policy below). Database drivers are no HTTP
// client: these rules ask nothing of them, and their entries say why.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { unreadClient } from '../unreadClients.js';
import type { Report } from './Report.js';

/** A package's documented defaults, and what the scan makes of them. */
interface ClientDefaults {
  /** Request timeout in ms; null: none. */
  readonly timeoutMs: number | null;
  readonly retries: string;
  readonly decision: string;
}

/**
 * The catalogue (defaults as documented by each package; the source is named per entry).
 *
 * @example
 * THIRD_PARTY_CLIENTS['stripe']?.timeoutMs; // 80000
 */
export const THIRD_PARTY_CLIENTS: Readonly<Record<string, ClientDefaults>> = {
  // stripe-node README, "Configuration" (and its typed StripeConfig): timeout 80000 ms; maxNetworkRetries
  // 1 by default (max 10), POSTs retried with idempotency keys.
  stripe: { timeoutMs: 80_000, retries: 'maxNetworkRetries 1, with idempotency keys', decision: 'silent' },
  // openai-node README, "Timeouts" and "Retries": 10 minutes, 2 retries with backoff on 408/409/429/5xx.
  openai: { timeoutMs: 600_000, retries: '2, with backoff', decision: 'silent' },
  // anthropic-sdk-typescript README, "Timeouts" and "Retries": the same 10 minutes and 2 retries.
  '@anthropic-ai/sdk': { timeoutMs: 600_000, retries: '2, with backoff', decision: 'silent' },
  // node-auth0 (auth0.github.io/node-auth0): v4 RetryConfiguration "retries any request that returns a
  // 429 3 times" (on by default for the Management client), timeoutDuration 10 s; v5 ManagementClientOptions
  // timeoutInSeconds, maxRetries "Defaults to 2".
  auth0: { timeoutMs: 10_000, retries: '429s (v4), 2 (v5)', decision: 'silent' },
  // @elastic/elasticsearch client "Basic configuration": requestTimeout 30 s, maxRetries 3.
  '@elastic/elasticsearch': { timeoutMs: 30_000, retries: '3', decision: 'silent' },
  // twilio-node RequestClient: timeout 30000 ms; autoRetry (429 only) is off unless asked for.
  twilio: { timeoutMs: 30_000, retries: 'none by default', decision: 'silent' },
  // node-slack-sdk WebClientOptions: retryConfig defaults to retryPolicies.tenRetriesInAboutThirtyMinutes
  // ("Retry up to 10 times, over the span of about 30 minutes"), and rate-limited calls are waited out.
  // packages/web-api/src/WebClient.ts: the constructor's `timeout = 0` goes into `axios.create({ timeout })`,
  // which reads 0 as no timeout; WebClientOptions.timeout bounds each attempt.
  '@slack/web-api': {
    timeoutMs: null,
    retries: '10 over about 30 minutes',
    decision:
      'retry-unbounded when retryConfig is left at that default: longer than any Lambda runs; http-no-timeout at a `new WebClient` without `timeout` (rules/constructedClients.ts)',
  },
  // bolt-js src/App.ts (v3 and v4): `this.clientOptions = clientOptions !== undefined ? clientOptions : {}`,
  // then `this.client = new WebClient(token, this.clientOptions)`; only agent, tls and the logger are added,
  // so app.client and every listener's `client` keep WebClient's timeout 0. v4's AppOptions types
  // `clientOptions?: WebClientOptions` (v3 typed it as `Pick<..., 'slackApiUrl'>`, though passed it whole).
  '@slack/bolt': {
    timeoutMs: null,
    retries: "WebClient's: 10 over about 30 minutes",
    decision: 'http-no-timeout at a `new App` without `clientOptions.timeout` (rules/constructedClients.ts)',
  },
  // hubspot-api-nodejs src/configuration/IConfiguration.ts: apiKey, accessToken, basePath, defaultHeaders,
  // numberOfApiCallRetries, limiterOptions, httpAgent; no timeout at all, and the generated services send
  // through fetch with no signal. ApiClientConfigurator hands `httpAgent` to every request: the only bound.
  '@hubspot/api-client': {
    timeoutMs: null,
    retries: 'numberOfApiCallRetries, 0 unless set',
    decision: 'http-no-timeout at a `new Client` without `httpAgent` (rules/constructedClients.ts)',
  },
  // @sendgrid/client packages/client/src/classes/client.js: axios with a default request that sets no
  // timeout; @sendgrid/mail's mail.d.ts: setTimeout() "Set the default request timeout". No retry.
  '@sendgrid/client': {
    timeoutMs: null,
    retries: 'none',
    decision: 'http-no-timeout at each request (rules/apiClients.ts)',
  },
  '@sendgrid/mail': {
    timeoutMs: null,
    retries: 'none',
    decision: 'http-no-timeout at each send (rules/apiClients.ts)',
  },
  // docs.slack.dev @slack/webhook IncomingWebhookDefaultArguments: an optional `timeout`, none by default.
  '@slack/webhook': {
    timeoutMs: null,
    retries: 'none',
    decision: 'http-no-timeout at each send (rules/apiClients.ts)',
  },
  // octokit.js: the `octokit` bundle adds plugin-retry and plugin-throttling; `@octokit/rest` retries nothing
  // (dist-src/index.js: request log, endpoint methods, paginate) and sets no timeout (its defaults named
  // `timeout: 0`; later versions take `request: { timeout }` or a signal).
  '@octokit/rest': {
    timeoutMs: null,
    retries: 'none',
    decision: 'http-no-timeout at each request (rules/apiClients.ts)',
  },
  // node-soap src/http.ts: requests go through `options.request || axios.create()` (no timeout); the call's
  // options are merged into the axios config. No retry.
  soap: {
    timeoutMs: null,
    retries: 'none',
    decision: 'http-no-timeout at each *Async call (rules/apiClients.ts)',
  },
  // web-push README, sendNotification options: `timeout` ("the request's socket timeout"), none by default
  // (a plain https.request); no retry.
  'web-push': {
    timeoutMs: null,
    retries: 'none',
    decision: 'http-no-timeout at each send without `timeout` (rules/untimedPackageClients.ts)',
  },
  // @sanity/client ClientConfig: `timeout` left out lets a request run five minutes (untimedPackageClients.ts's
  // reading; the get-it transport's own default is 120 s), past API Gateway and most function timeouts;
  // `maxRetries` 5 (get-it's retry middleware, src/http/request.ts). next-sanity re-exports its createClient.
  '@sanity/client': {
    timeoutMs: 300_000,
    retries: 'maxRetries 5 (idempotent requests and server errors)',
    decision:
      'http-no-timeout at each request of a client built without `timeout` (rules/untimedPackageClients.ts)',
  },
  'next-sanity': {
    timeoutMs: 300_000,
    retries: "@sanity/client's",
    decision:
      'http-no-timeout at each request of a client built without `timeout` (rules/untimedPackageClients.ts)',
  },
  // ipfs-http-client (and its successor kubo-rpc-client) Options: `timeout` ("Amount of time until request
  // should timeout"), none by default; no retry.
  'ipfs-http-client': {
    timeoutMs: null,
    retries: 'none',
    decision:
      'http-no-timeout where the client is created without `timeout` (rules/untimedPackageClients.ts)',
  },
  'kubo-rpc-client': {
    timeoutMs: null,
    retries: 'none',
    decision:
      'http-no-timeout where the client is created without `timeout` (rules/untimedPackageClients.ts)',
  },
  // better-fetch options: `timeout` (ms, an abort per request), none by default; `retry` (count, linear or
  // exponential) retries failed answers and errors, never a request that hangs.
  '@better-fetch/fetch': {
    timeoutMs: null,
    retries: 'only when `retry` is set',
    decision:
      'http-no-timeout where createFetch() builds an instance without `timeout` (rules/betterFetch.ts)',
  },
  // openapi-fetch 0.17 dist/index.mjs createClient: `fetch: baseFetch = globalThis.fetch`, the rest of the
  // options spread into each Request as RequestInit; no timeout and no retry of its own.
  'openapi-fetch': {
    timeoutMs: null,
    retries: 'none',
    decision:
      'http-no-timeout at a createClient with no signal and no fetch of its own (rules/generatedClients.ts)',
  },
  // @kibocommerce/rest-sdk client-runtime (openapi-generator's typescript-fetch runtime): Configuration
  // takes `fetchApi` (default isomorphic-fetch) and `middleware`; BaseAPI.fetchApi calls
  // `(this.configuration.fetchApi || fetch)(url, init)` with no signal. No retry.
  '@kibocommerce/rest-sdk': {
    timeoutMs: null,
    retries: 'none',
    decision:
      'http-no-timeout at a `new Configuration(...)` whose fetchApi is the global fetch or absent, with no middleware (rules/generatedClients.ts)',
  },
  // supabase-js 2.x (SupabaseClient: one fetch for postgrest, storage and functions, `options.global.fetch`
  // or the global fetch): no timeout option (supabase/supabase-js#623, open); the documented bound is a
  // custom `global.fetch` with AbortSignal.timeout (supabase/supabase#26825) or `.abortSignal()` per query.
  '@supabase/supabase-js': {
    timeoutMs: null,
    retries: 'none',
    decision:
      'http-no-timeout at a createClient without a global.fetch of its own (rules/supabaseClients.ts)',
  },
  // @upstash/redis docs ("Retries"; "Advanced": request timeout through `signal`): no timeout, 5 retries.
  '@upstash/redis': {
    timeoutMs: null,
    retries: '5, exponential backoff',
    decision:
      'http-no-timeout at a `new Redis({ url, token })` without `signal` (rules/constructedClients.ts)',
  },
  // @google/generative-ai 0.24 dist/index.mjs buildFetchOptions: an AbortController only when
  // `requestOptions.timeout >= 0` or a `signal` is given; no retry.
  '@google/generative-ai': {
    timeoutMs: null,
    retries: 'none',
    decision:
      'http-no-timeout at a getGenerativeModel without requestOptions.timeout (rules/geminiClients.ts)',
  },
  // @google/genai 2.x dist/node/index.mjs: "there is no client-side timeout by default (the server bounds
  // requests: 10 min unary, 20 min streaming)"; `httpOptions.timeout` arms the abort timer per attempt.
  '@google/genai': {
    timeoutMs: null,
    retries: 'none unless httpOptions.retryOptions (then 5 attempts on 408, 429, 5xx)',
    decision: 'http-no-timeout at a `new GoogleGenAI` without httpOptions.timeout (rules/geminiClients.ts)',
  },
  // wretch (1.x to 3.x) dist/index.js `factory(_url, _options)` keeps the options and src/resolver.ts hands
  // them to fetch with no timer. 1.x's resolver has `.setTimeout(ms)` built in (1.7.9 src/resolver.ts:152,
  // `timeout.ref = setTimeout(() => controller.abort(), time)`); 2.x/3.x moved it to the abort addon
  // (dist/addons/abort.js), which arms a timer only when a request calls `.setTimeout(ms)`. A signal kept in
  // an instance's options is spread into every request, so one on a module-scope instance fires only once.
  // No retry unless the retry middleware (wretch/middlewares/retry) is added.
  wretch: {
    timeoutMs: null,
    retries: 'none unless the retry middleware is added',
    decision:
      'http-no-timeout at a `wretch(...)` instance with no signal and no abort addon (rules/wretchClients.ts)',
  },
  // actions-on-google-nodejs src/service/smarthome/smarthome.ts: requestSync and reportState go to Home Graph
  // through `common.request` (src/common.ts: https.request, no timeout) after a google.auth.JWT authorize
  // (gaxios, timeout 0); SmartHomeOptions has no timeout. No retry.
  'actions-on-google': {
    timeoutMs: null,
    retries: 'none',
    decision: 'http-no-timeout at each requestSync / reportState (rules/smarthomeClients.ts)',
  },
  // MongoDB Node driver "Connection Options": serverSelectionTimeoutMS 30000, connectTimeoutMS 30000,
  // socketTimeoutMS 0 (none; mongoose's docs say the same since #13576), retryReads and retryWrites true.
  // A database driver: an operation is bounded by maxTimeMS, which no HTTP rule reads.
  mongodb: { timeoutMs: null, retries: 'retryReads, retryWrites', decision: 'not an HTTP client: silent' },
  mongoose: { timeoutMs: null, retries: "the driver's", decision: 'not an HTTP client: silent' },
  // gaxios (googleapis' transport) README: timeout 0 (none); googleapis turns its retryConfig on. The
  // standalone `@googleapis/<api>` packages build the same clients on googleapis-common and gaxios.
  googleapis: {
    timeoutMs: null,
    retries: 'gaxios retryConfig',
    decision: 'http-no-timeout at each request of a client left without one (rules/googleApis.ts)',
  },
  // gaxios itself (src/retry.js getRetryConfig): no retry unless the request sets `retry: true` or a
  // `retryConfig`; then 3 retries of GET/HEAD/PUT/OPTIONS/DELETE on 1xx/429/5xx and 2 when no response came.
  // `timeout` defaults to 0 (none). Called directly (`request({ url })`, `new Gaxios()`) it is not judged yet.
  gaxios: {
    timeoutMs: null,
    retries: 'none unless retry: true or retryConfig (then 3, idempotent methods)',
    decision: 'not classified as an HTTP call yet: its direct requests are not judged',
  },
  // google-auth-library sends its token, JWKS (getFederatedSignonCerts) and STS requests through gaxios
  // (its transporter): the same timeout 0.
  'google-auth-library': {
    timeoutMs: null,
    retries: "gaxios's",
    decision:
      'http-no-timeout at each OAuth2/ExternalAccountClient request left without one (rules/googleApis.ts)',
  },
  // typed-rest-client lib/HttpClient.ts: `req.setTimeout(this._socketTimeout || 3 * 60000)` is an idle-socket
  // timer (3 minutes unless `socketTimeout` is set in the IRequestOptions, the HttpClient's third and the
  // RestClient's fourth constructor argument), longer than API Gateway's 29 s and most Lambda timeouts; no
  // total deadline. lib/Interfaces.ts: `allowRetries` ("Allows retries only on Read operations") off and
  // `maxRetries` 1 unless set. HttpClient answers 4xx/5xx without throwing; RestClient throws on them
  // (README, "Errors"). @actions/http-client is its fork with the same defaults.
  'typed-rest-client': {
    timeoutMs: 180_000,
    retries: 'none unless allowRetries (then maxRetries 1, reads only)',
    decision:
      'not classified as an HTTP call yet: its requests are not judged (mobile-purchases google-play.ts:68 no-retry is missed)',
  },
  '@actions/http-client': {
    timeoutMs: 180_000,
    retries: 'none unless allowRetries (then maxRetries 1, reads only)',
    decision: 'not classified as an HTTP call yet: its requests are not judged',
  },
};

/** `retryConfig` left at the thirty-minute default: absent, named, or `forever: true`. */
function slackDefaultRetry(ctx: ModuleContext, options: Node | undefined): boolean {
  if (options === undefined) return true;
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined || props.spread) return false;
  const retry = props.props.get('retryConfig');
  if (retry === undefined) return true;
  if (memberPath(unwrap(retry))?.at(-1) === 'tenRetriesInAboutThirtyMinutes') return true;
  const config = objectProps(ctx.valueOf(retry));
  const forever = config?.props.get('forever');
  return forever?.type === 'Literal' && forever.value === true;
}

/** `new WebClient(token, options)` from `@slack/web-api`, judged by the catalogue above. */
export function thirdPartyClient(ctx: ModuleContext, report: Report, node: Node): void {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'Identifier' && callee?.type !== 'MemberExpression') return;
  const imp = ctx.importRoot(callee);
  if (imp?.source !== '@slack/web-api') return;
  const name = callee.type === 'Identifier' ? imp.imported : memberPath(callee)?.at(-1);
  if (name !== 'WebClient') return;
  if (!slackDefaultRetry(ctx, (node.arguments as Node[])[1])) return;
  // A client nothing reads (or read only in dead code) sends nothing, so it retries nothing either.
  if (unreadClient(ctx, node)) return;
  report(
    'retry-unbounded',
    node,
    'Slack WebClient keeps the default retry policy (up to 10 retries over about 30 minutes, and rate-limited calls are waited out): a failing call holds the function until its timeout instead of failing; set retryConfig (for example { retries: 2 })',
  );
}
