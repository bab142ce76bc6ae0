// http-no-timeout for API client classes whose constructor takes the only option that bounds their requests,
// and whose default is no bound at all (what each package does by default: rules/thirdPartyClients.ts).
// Reported at the `new`, where the option goes: every call through the client inherits it, so one finding
// per client says what a finding per call would say many times over.
//
// - `@slack/web-api` `new WebClient(token, options)`: the constructor's `timeout = 0` goes straight into
//   `axios.create({ timeout })` (packages/web-api/src/WebClient.ts), and axios reads 0 as "wait forever".
//   WebClientOptions.timeout bounds it.
// - `@hubspot/api-client` `new Client(config)`: IConfiguration (src/configuration/IConfiguration.ts) has
//   no timeout at all; the generated services send through fetch with no signal. The one way in is an
//   `httpAgent` (ApiClientConfigurator's agent middleware), whose socket timeout a caller may set: a visible
//   `new Agent({...})` must set `timeout`; an agent out of sight is given the benefit of the doubt.
// - `@slack/bolt` `new App({...})`: its constructor takes `this.clientOptions = clientOptions ?? {}` (only
//   `agent`, `tls`, `logger`/`logLevel` added) and builds `this.client = new WebClient(token, this.clientOptions)`
//   (src/App.ts, v3 and v4; v4's AppOptions types `clientOptions?: WebClientOptions`), so `app.client` and the
//   `client` every listener gets are the WebClient above with its timeout 0 unless `clientOptions.timeout`.
// - `razorpay` `new Razorpay({ key_id, key_secret })` (default export; also `require('razorpay')`): its
//   constructor builds `axios.create({ baseURL, headers, auth })` (lib/api.js) and reads no timeout option,
//   so no option bounds it: every client built from options the module spells in full is reported (options
//   out of sight are passed over like the others'). The static helpers (`validateWebhookSignature`) send nothing.
// - `@upstash/redis` `new Redis({ url, token })`: a REST client over fetch; its HttpClient adds a signal only
//   when the config gives `signal` (the SDK's documented request timeout: `signal: () => AbortSignal.timeout(ms)`)
//   and retries a network error 5 times on top, so a hung request has no bound at all by default.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { unreadClient } from '../unreadClients.js';
import type { Report } from './Report.js';

/** A client class, the constructor argument holding its options, and the option names that may bound it. */
interface UntimedClass {
  readonly exported: string;
  readonly optionsAt: number;
  readonly bounds: readonly string[];
  /** The option holding the client's own options, when the bounds sit one level down. */
  readonly nestedIn?: string;
  readonly message: string;
}

const CLASSES: Readonly<Record<string, UntimedClass>> = {
  '@slack/web-api': {
    exported: 'WebClient',
    optionsAt: 1,
    bounds: ['timeout'],
    message:
      'Slack WebClient built without a timeout: its default is 0, which axios reads as none, so a slow Slack API holds every call; pass { timeout } in its options',
  },
  '@hubspot/api-client': {
    exported: 'Client',
    optionsAt: 0,
    bounds: ['httpAgent'],
    message:
      'HubSpot Client built without a bound: its configuration has no timeout and its requests carry no signal; hand it an httpAgent with a timeout, or wrap the calls in one',
  },
  '@slack/bolt': {
    exported: 'App',
    optionsAt: 0,
    bounds: ['timeout'],
    nestedIn: 'clientOptions',
    message:
      'Slack Bolt App built without clientOptions.timeout: its WebClient defaults to 0, which axios reads as none, so a slow Slack API holds every call made through app.client; pass clientOptions: { timeout }',
  },
  razorpay: {
    exported: 'default',
    optionsAt: 0,
    bounds: [],
    message:
      'Razorpay client: the SDK sends through an axios instance with no timeout and takes no timeout option, so a slow gateway holds every order or refund call; wrap each call in a deadline (Promise.race with a timer) or call the REST API with a bounded client',
  },
  '@upstash/redis': {
    exported: 'Redis',
    optionsAt: 0,
    bounds: ['signal'],
    message:
      'Upstash Redis client built without a signal: its REST requests go through fetch with no timeout (and 5 retries of a network error), so a slow Upstash holds every command; pass signal: () => AbortSignal.timeout(ms)',
  },
};

/** The packages above, for the rule gate's word test (js/ruleGate.ts). */
export const CONSTRUCTED_CLIENT_PACKAGES: readonly string[] = Object.keys(CLASSES);

/**
 * Does the module name one of these packages? (a text test before any walk)
 */
export function mentionsConstructedClients(ctx: ModuleContext): boolean {
  return CONSTRUCTED_CLIENT_PACKAGES.some((p) => ctx.spells(p));
}

/**
 * Does the value of option `name` bound the client? An `httpAgent` bounds it only through its socket
 * timeout: a `new Agent({...})` seen in full must set `timeout`; an agent out of sight (a parameter, an
 * import, options with a spread) is given the benefit of the doubt.
 */
function bounds(ctx: ModuleContext, name: string, value: Node | undefined): boolean {
  if (name !== 'httpAgent') return true;
  const agent = unwrap(ctx.valueOf(value));
  if (agent?.type !== 'NewExpression') return true;
  const callee = unwrap(agent.callee as Node);
  const built = callee?.type === 'MemberExpression' ? memberPath(callee)?.at(-1) : callee?.name;
  if (built !== 'Agent') return true;
  const args = agent.arguments as Node[];
  if (args.length === 0) return false;
  const props = objectProps(ctx.valueOf(args[0]));
  return props === undefined || props.spread || props.props.has('timeout');
}

/**
 * Options seen in full without any of `bounds` (in the `nestedIn` option when given); absent options count
 * as none.
 */
function untimed(ctx: ModuleContext, options: Node | undefined, known: UntimedClass): boolean {
  if (options === undefined) return true;
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined || props.spread) return false;
  const { nestedIn, ...own } = known;
  if (nestedIn !== undefined) return untimed(ctx, props.props.get(nestedIn), own);
  return !known.bounds.some((name) => props.props.has(name) && bounds(ctx, name, props.props.get(name)));
}

/**
 * `new WebClient(token)` / `new Client({ accessToken })` from the packages above, left without a bound.
 * @example
 * untimedConstructedClients(ctx, report); // reports `new WebClient(token)` from '@slack/web-api'
 */
export function untimedConstructedClients(ctx: ModuleContext, report: Report): void {
  if (!mentionsConstructedClients(ctx)) return;
  for (const node of ctx.of('NewExpression')) {
    const callee = unwrap(node.callee as Node);
    if (callee?.type !== 'Identifier' && callee?.type !== 'MemberExpression') continue;
    const imp = ctx.importRoot(callee);
    if (imp === undefined || !Object.hasOwn(CLASSES, imp.source)) continue;
    const known = CLASSES[imp.source] as UntimedClass;
    const name = callee.type === 'Identifier' ? imp.imported : memberPath(callee)?.at(-1);
    if (name !== known.exported) continue;
    if (!untimed(ctx, (node.arguments as Node[])[known.optionsAt], known)) continue;
    // A client nothing reads sends nothing; one run under a timeout policy is bounded there.
    if (unreadClient(ctx, node) || coverAt(ctx, node).kinds.has('timeout')) continue;
    report('http-no-timeout', node, known.message);
  }
}
