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
// through that assignment, as a local's would be.
import { isFunction, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { methodOf } from '../memberClass.js';
import { offServicePath } from '../offServicePath.js';
import { passedValues } from '../passedArguments.js';
import { mayCallHttp } from '../ruleGate.js';
import { returnedValues } from '../sdkOptions.js';
import { fieldChainValue } from './fieldAssigned.js';
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
function clientOf(ctx: ModuleContext, base: Node, hops = 0, params = 0): GoogleClient | undefined {
  let built = unwrap(ctx.valueOf(base));
  if (built?.type === 'AwaitExpression') built = unwrap(ctx.valueOf(built.argument as Node));
  if (built?.type !== 'CallExpression' && built?.type !== 'NewExpression')
    return typedParamClient(ctx, base) ?? (params < 2 ? handedClient(ctx, base, params + 1) : undefined);
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
  const helper =
    built.type === 'CallExpression' && hops === 0
      ? (ctx.functionOf(callee) ?? ownClassMethod(ctx, callee))
      : undefined;
  const returned = helper === undefined ? undefined : returnedValues(helper);
  if (returned?.length === 1) return clientOf(ctx, returned[0] as Node, hops + 1, params);
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
    (imp?.source === 'googleapis' && /^google\.auth\.(OAuth2|JWT)$/.test(path?.join('.') ?? '')) ||
    (standalone !== undefined && path?.join('.') === 'auth.OAuth2') ||
    (imp?.source === 'googleapis' && path?.join('.') === 'google.auth.GoogleAuth') ||
    // googleapis re-exports google-auth-library as `Auth`: `new Auth.OAuth2Client(options)`.
    (imp?.source === 'googleapis' && imp.imported === 'Auth' && AUTH_CLASSES.has(path?.[1] ?? '')) ||
    (imp?.source === 'google-auth-library' && AUTH_CLASSES.has(imp.imported));
  if (!oauth) return undefined;
  // Positional arguments (client id, secret, redirect) carry no transport options.
  const only = args.length === 1 ? unwrap(ctx.valueOf(args[0])) : undefined;
  const timed = only?.type === 'ObjectExpression' ? optionsTimed(ctx, only) : only?.type === 'Identifier'; // a parameter
  return { kind: 'oauth', timed };
}

type GoogleClient = { kind: 'api' | 'oauth'; timed: boolean };

/** `this.createClient()`: a method of the class the call sits in (the class's own client factory). */
function ownClassMethod(ctx: ModuleContext, callee: Node): Node | undefined {
  if (callee.type !== 'MemberExpression' || unwrap(callee.object as Node)?.type !== 'ThisExpression')
    return undefined;
  const name = propertyName(callee.property as Node, callee.computed as boolean);
  for (let p = ctx.parentOf(callee); p !== undefined; p = ctx.parentOf(p))
    if (p.type === 'ClassDeclaration' || p.type === 'ClassExpression')
      return name === undefined ? undefined : methodOf(p, name);
  return undefined;
}

/**
 * A parameter the module's own callers fill (`ensureSheetExists(sheets, id)` after `const sheets =
 * createSheetsClient(config)`): the client they all pass, when each is one of the same kind.
 */
function handedClient(ctx: ModuleContext, base: Node, params: number): GoogleClient | undefined {
  const passed = passedValues(ctx, base);
  if (passed === undefined) return undefined;
  const clients = passed.map((v) => clientOf(ctx, v, 0, params));
  const first = clients[0];
  if (first === undefined || clients.some((c) => c?.kind !== first.kind)) return undefined;
  return { kind: first.kind, timed: clients.some((c) => c?.timed) };
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

/** google-auth-library's clients that send through gaxios: built directly, or named as a parameter's type. */
const AUTH_CLASSES = new Set(['OAuth2Client', 'JWT', 'GoogleAuth']);

/**
 * A parameter typed with one of AUTH_CLASSES (`(auth: GoogleAuth<AwsClient>) => auth.request(...)`): judged
 * by the clients of that class the module builds, untimed only when it builds some and none names a timeout
 * (as a parameter typed `Octokit` is, rules/octokitClients.ts).
 */
function typedParamClient(ctx: ModuleContext, base: Node): { kind: 'oauth'; timed: boolean } | undefined {
  const b = unwrap(base);
  if (b?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(b.name as string, b);
  if (binding?.kind !== 'param') return undefined;
  const p = binding.declaration.type === 'AssignmentPattern' ? binding.declaration.left : binding.declaration;
  const type = (p?.typeAnnotation as Node | undefined)?.typeAnnotation;
  if (type?.type !== 'TSTypeReference' || type.typeName?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(type.typeName.name as string, type.typeName as Node);
  if (imp?.source !== 'google-auth-library' || !AUTH_CLASSES.has(imp.imported)) return undefined;
  const built = ctx
    .of('NewExpression')
    .filter((n) => ctx.importRoot(n.callee as Node)?.imported === imp.imported);
  const clients = built.map((n) => clientOf(ctx, n, 1));
  if (clients.length === 0 || clients.some((c) => c === undefined || c.timed)) return undefined;
  return { kind: 'oauth', timed: false };
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

/** Whether the module names a Google API package; asked per function. */
const mentionsGoogle = (ctx: ModuleContext): boolean =>
  ctx.spells('googleapis') || ctx.spells('google-auth-library');

/** `await getDriveService()` of a function another project module exports: the import to ask. */
function importedHelper(ctx: ModuleContext, base: Node): ImportRef | undefined {
  let built = unwrap(base.type === 'Identifier' ? ctx.valueOf(base) : base);
  if (built?.type === 'AwaitExpression') built = unwrap(ctx.valueOf(built.argument as Node));
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
      continue;
    }
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
