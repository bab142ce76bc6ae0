// http-no-timeout for Google API clients. googleapis and google-auth-library send every request through
// gaxios, whose README gives `timeout` a default of 0 (none): a Gmail, Drive or Sheets call, or an OAuth2
// token exchange, whose answer never comes holds the function until its own timeout. googleapis' retries
// (retryConfig) fire on error answers, never on a connection that hangs.
//
// Reported at each request a module makes: the wait is where the call is, and one client is often built
// per call. Not reported when a
// timeout is visible: in the client's options (`google.drive({ version, timeout })`, `new OAuth2Client({
// transporterOptions: { timeout } })`), in the module's `google.options({ timeout })`, or in the call's
// own options (`gmail.users.messages.get(params, { timeout })`). Options the scan cannot read (a variable
// from elsewhere, a spread) are taken as holding one. Standalone `@googleapis/<api>` factories build the same
// clients; a client a same-module helper returns (`await initialiseClient()`) is followed one hop.
import { memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { offServicePath } from '../offServicePath.js';
import { returnedValues } from '../sdkOptions.js';
import type { Report, Rule } from './Report.js';

/** OAuth2Client methods that send a request (verifyIdToken fetches the signing certificates). */
const OAUTH_REQUESTS = new Set([
  'getToken',
  'getAccessToken',
  'refreshAccessToken',
  'refreshToken',
  'verifyIdToken',
  'getTokenInfo',
  'revokeToken',
  'revokeCredentials',
  'getFederatedSignonCerts',
  'request',
]);
/** `google.<name>(...)` calls that are not API clients. */
const NOT_AN_API = new Set(['options', 'auth', 'discover', 'discoverAPI', 'addAPIs']);

/** The base of a member chain: `gmail` in `gmail.users.messages.get`. */
function chainBase(node: Node): Node | undefined {
  let n = unwrap(node);
  while (n?.type === 'MemberExpression') n = unwrap(n.object);
  return n;
}

/** Do these options name a timeout, or hide what they hold? Absent options hold none. */
function optionsTimed(ctx: ModuleContext, arg: Node | undefined): boolean {
  if (arg === undefined) return false;
  const value = unwrap(ctx.valueOf(arg));
  if (value === undefined) return true;
  if (value.type === 'Literal' || value.type === 'TemplateLiteral') return false; // `google.sheets('v4')`
  if (value.type !== 'ObjectExpression') return true;
  return /\btimeout\b|\.\.\./.test(ctx.source.slice(value.start, value.end));
}

/** What a client expression was built as: a googleapis API client or an OAuth2 client, and if timed. */
function clientOf(
  ctx: ModuleContext,
  base: Node,
  hops = 0,
): { kind: 'api' | 'oauth'; timed: boolean } | undefined {
  let built = unwrap(ctx.valueOf(base));
  if (built?.type === 'AwaitExpression') built = unwrap(ctx.valueOf(built.argument as Node));
  if (built === undefined) return undefined;
  const callee = unwrap(built.callee);
  if (callee === undefined) return undefined;
  const imp = ctx.importRoot(callee);
  const path = memberPath(callee);
  const args = built.arguments as Node[];
  if (built.type === 'CallExpression' && imp?.source === 'googleapis' && imp.imported === 'google') {
    if (path?.length !== 2 || NOT_AN_API.has(path[1] as string)) return undefined;
    return { kind: 'api', timed: optionsTimed(ctx, args[0]) };
  }
  // A standalone API package (`@googleapis/androidpublisher`) exports its factory under the API's name.
  const standalone = imp?.source.startsWith('@googleapis/')
    ? imp.source.slice('@googleapis/'.length)
    : undefined;
  if (built.type === 'CallExpression' && standalone !== undefined && path?.at(-1) === standalone)
    return { kind: 'api', timed: optionsTimed(ctx, args[0]) };
  // A same-module helper that builds and returns the client (`const c = await initialiseClient()`).
  const helper = built.type === 'CallExpression' && hops === 0 ? ctx.functionOf(callee) : undefined;
  const returned = helper === undefined ? undefined : returnedValues(helper);
  if (returned?.length === 1) return clientOf(ctx, returned[0] as Node, hops + 1);
  // `ExternalAccountClient.fromJSON(credentialConfig)`: a credential file carries no transport options;
  // an options literal may name `transporterOptions`, and a second argument (older versions) is unread.
  if (
    built.type === 'CallExpression' &&
    imp?.source === 'google-auth-library' &&
    path?.join('.') === 'ExternalAccountClient.fromJSON'
  ) {
    const config = unwrap(ctx.valueOf(args[0]));
    return {
      kind: 'oauth',
      timed: args.length > 1 || (config?.type === 'ObjectExpression' && optionsTimed(ctx, config)),
    };
  }
  if (built.type !== 'NewExpression') return undefined;
  const oauth =
    (imp?.source === 'googleapis' && path?.join('.') === 'google.auth.OAuth2') ||
    (standalone !== undefined && path?.join('.') === 'auth.OAuth2') ||
    (imp?.source === 'google-auth-library' && imp.imported === 'OAuth2Client');
  if (!oauth) return undefined;
  // Positional arguments (client id, secret, redirect) carry no transport options.
  const only = args.length === 1 ? unwrap(ctx.valueOf(args[0])) : undefined;
  const timed = only?.type === 'ObjectExpression' ? optionsTimed(ctx, only) : only?.type === 'Identifier'; // a parameter
  return { kind: 'oauth', timed };
}

/** `google.options({ timeout })` (or options it cannot read) in this module bounds its googleapis calls. */
function globalTimeout(ctx: ModuleContext): boolean {
  return ctx.of('CallExpression').some((call) => {
    const callee = unwrap(call.callee);
    const imp = ctx.importRoot(callee);
    return (
      imp?.source === 'googleapis' &&
      memberPath(callee)?.at(-1) === 'options' &&
      optionsTimed(ctx, (call.arguments as Node[])[0])
    );
  });
}

export const googleApiRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.source.includes('googleapis') && !ctx.source.includes('google-auth-library')) return;
  if (/\.[jt]sx$/.test(ctx.file) || offServicePath(ctx)) return;
  let global: boolean | undefined;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const path = memberPath(callee);
    const method = path?.at(-1);
    const base = chainBase(callee);
    if (base === undefined || method === undefined) continue;
    const client = clientOf(ctx, base);
    if (client === undefined) continue;
    const args = call.arguments as Node[];
    if (client.kind === 'oauth' && (!OAUTH_REQUESTS.has(method) || path?.length !== 2)) continue;
    // An API method is `client.<resource>...<method>(params, options)`: one resource down at least.
    if (client.kind === 'api' && ((path?.length ?? 0) < 3 || optionsTimed(ctx, args[1]))) continue;
    if (client.timed) continue;
    global ??= globalTimeout(ctx);
    if (global && client.kind === 'api') continue;
    const name = path?.slice(1).join('.') ?? method;
    report(
      'http-no-timeout',
      call,
      client.kind === 'api'
        ? `googleapis ${name}() has no timeout (gaxios waits forever by default): set timeout in the client's options, google.options() or the call's options`
        : `OAuth2 client ${method}() has no timeout (gaxios waits forever by default): pass transporterOptions: { timeout } to the client`,
    );
  }
};
