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
// clients; a client a same-module helper returns (`await initialiseClient()`, or the class's own
// `this.createClient()`) is followed one hop, and one a helper of another project module returns
// (`const drive = await getDriveService()`) is asked of that module by the project pass (ExportFact.googleClient). A service-account `JWT` client is an OAuth2 client.
// A client handed down as a parameter is judged by what the module's own callers pass (passedArguments.ts).
// A client a class keeps in a field it assigns once (`this.client = new google.auth.OAuth2(...)`) is read
// through that assignment, as a local's would be. How a client was built is read in rules/googleClients.ts.
import { isFunction, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { offServicePath } from '../offServicePath.js';
import { throughRethrowingCatch } from '../rethrowingCatch.js';
import { returnedValues } from '../returnedValues.js';
import { mayCallHttp } from '../ruleGate.js';
import { fieldChainValue } from './fieldAssigned.js';
import { clientOf, optionsTimed } from './googleClients.js';
import { apiTypedParam, googleApiBuilds } from './googleTypedParams.js';
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
  'authorize',
]);
/** The base of a member chain: `gmail` in `gmail.users.messages.get`. */
function chainBase(node: Node): Node | undefined {
  let n = unwrap(node);
  while (n?.type === 'MemberExpression') n = unwrap(n.object);
  return n;
}

/**
 * A request through a client another module's helper returns: kept by the project pass when that helper
 * builds an untimed client of the kind the call needs (an API method is one resource down at least).
 */
function reportImported(
  ctx: ModuleContext,
  report: Report,
  call: Node,
  ref: ImportRef,
  path: readonly string[],
  args: Node[],
): void {
  const method = path.at(-1) ?? '';
  const kind =
    path.length >= 3 && !optionsTimed(ctx, args[1])
      ? ('api' as const)
      : path.length === 2 && OAUTH_REQUESTS.has(method)
        ? ('oauth' as const)
        : undefined;
  if (kind === undefined) return;
  report(
    'http-no-timeout',
    call,
    kind === 'api'
      ? `googleapis ${path.slice(1).join('.')}() on the client ${ref.name}() builds has no timeout (gaxios waits forever by default): set timeout in that client's options`
      : `OAuth2 client ${method}() on the client ${ref.name}() builds has no timeout (gaxios waits forever by default): pass transporterOptions: { timeout } to that client`,
    { onlyIfImportGoogleClient: { ref, kind } },
  );
}

/**
 * A request on a parameter typed with an API class (`gmail: gmail_v1.Gmail`): kept by the project pass when
 * the API clients the project builds all lack a timeout (googleTypedParams.ts).
 */
function reportTypedParam(
  ctx: ModuleContext,
  report: Report,
  call: Node,
  path: readonly string[],
  args: Node[],
): void {
  if (path.length < 3 || optionsTimed(ctx, args[1]) || globalTimeout(ctx)) return;
  report(
    'http-no-timeout',
    call,
    `googleapis ${path.slice(1).join('.')}() on the client handed in has no timeout (gaxios waits forever by default), and the API clients the project builds set none: set timeout in their options`,
    { onlyIfProjectClientsUntimed: 'google-api' },
  );
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

/**
 * The Google client an exported function returns when it is built with no timeout (for the project pass:
 * ExportFact.googleClient), or undefined.
 * @example
 * untimedGoogleClient(ctx, fn) // 'api' for `async () => google.drive({ version: 'v3', auth })`
 */
export function untimedGoogleClient(ctx: ModuleContext, fn: Node): 'api' | 'oauth' | undefined {
  if (!isFunction(fn) || !mentionsGoogle(ctx)) return undefined;
  const returned = returnedValues(fn);
  if (returned?.length !== 1) return undefined;
  const client = clientOf(ctx, returned[0] as Node, 1);
  if (client === undefined || client.timed || (client.kind === 'api' && globalTimeout(ctx))) return undefined;
  return client.kind;
}

/** What the API clients this module builds say of one handed in from here (googleTypedParams.ts). */
export function googleApiClientBuilds(ctx: ModuleContext): 'timed' | 'untimed' | undefined {
  return googleApiBuilds(ctx, () => globalTimeout(ctx));
}

/** Whether the module names a Google API package; asked per function. */
const mentionsGoogle = (ctx: ModuleContext): boolean =>
  ctx.spells('googleapis') || ctx.spells('google-auth-library');

/** `await getDriveService()` of a function another project module exports: the import to ask. */
function importedHelper(ctx: ModuleContext, base: Node): ImportRef | undefined {
  let built = unwrap(base.type === 'Identifier' ? ctx.valueOf(base) : base);
  if (built?.type === 'AwaitExpression') built = unwrap(ctx.valueOf(built.argument as Node));
  // `await getGmail(a).catch((e) => { throw new AuthError(e) })`: the helper's own answer.
  built = throughRethrowingCatch(ctx, built);
  const callee = built?.type === 'CallExpression' ? unwrap(built.callee) : undefined;
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined || imp.imported === '*' || !mayBeProjectSource(imp.source)) return undefined;
  return { from: ctx.file, source: imp.source, name: imp.imported };
}

export const googleApiRules: Rule = (ctx: ModuleContext, report: Report) => {
  const google = mentionsGoogle(ctx);
  // A client from another module's helper is judged where the module is analysed for its own HTTP calls
  // (js/ruleGate.ts): a module with no HTTP word is not read for it.
  if (!google && !(ctx.projectImports.size > 0 && mayCallHttp(ctx.source))) return;
  if (/\.[jt]sx$/.test(ctx.file) || offServicePath(ctx)) return;
  let global: boolean | undefined;
  let builds: 'timed' | 'untimed' | 'none' | undefined;
  const buildsNone = (): boolean => {
    builds ??= googleApiClientBuilds(ctx) ?? 'none';
    return builds === 'none';
  };
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const fullPath = memberPath(callee);
    const method = fullPath?.at(-1) ?? propertyName(callee.property as Node, callee.computed as boolean);
    // Only a googleapis module keeps a client in a field that clientOf can read; the class walk is memoised.
    const field = google ? fieldChainValue(ctx, callee) : undefined;
    const base = field ?? chainBase(callee);
    if (base === undefined || method === undefined) continue;
    const args = call.arguments as Node[];
    const client = google ? clientOf(ctx, base) : undefined;
    if (field !== undefined && client === undefined) continue;
    const path = field === undefined ? fullPath : fullPath?.slice(1);
    if (client === undefined) {
      const ref = importedHelper(ctx, base);
      // `(await getAuth()).authorize()`: the helper's answer, one member down.
      const steps = path ?? (base === unwrap(callee.object) ? ['', method] : []);
      if (ref !== undefined) reportImported(ctx, report, call, ref, steps, args);
      // A module that builds API clients itself hands them to its own helpers (handedClient in googleClients.ts
      // reads those): the typed parameter is asked of the project only where the module builds none.
      else if (google && apiTypedParam(ctx, base) && buildsNone())
        reportTypedParam(ctx, report, call, steps, args);
      continue;
    }
    if (client.kind === 'oauth' && (!OAUTH_REQUESTS.has(method) || path?.length !== 2)) continue;
    // `client.request({ url, method, timeout })`: gaxios options of the request itself, read by their keys
    // (a literal's text may name a timeout in a comment); options out of sight may hold one.
    const own = client.kind === 'oauth' && method === 'request' ? objectProps(ctx.valueOf(args[0])) : null;
    if (own === undefined || own?.spread || own?.props.has('timeout')) continue;
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
