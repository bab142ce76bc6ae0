// What a Google client expression was built as, for http-no-timeout (rules/googleApis.ts): a googleapis API
// client (`google.drive({ version, timeout })`, a standalone `@googleapis/<api>` factory) or a
// google-auth-library OAuth2/JWT/GoogleAuth client, and whether its options name a timeout. Followed
// through a same-module helper that returns it, a class's own factory method, the arguments the module's
// callers pass for a parameter, a parameter typed with an auth class, and a `let` assigned once inside a
// try (`let c; try { c = await api.publisher({ version }) } catch {}`), and a client the default GoogleAuth
// builds from a credentials file (`Auth.auth.fromJSON(creds)`).
import { memberPath, type Node, unwrap } from '../ast.js';
import { helperReturned } from '../factoryBuilt.js';
import { lateAssigned } from '../lateAssigned.js';
import type { ModuleContext } from '../ModuleContext.js';
import { passedValues } from '../passedArguments.js';
import { throughRethrowingCatch } from '../rethrowingCatch.js';

/** `google.<name>(...)` calls that are not API clients. */
const NOT_AN_API = new Set(['options', 'auth', 'discover', 'discoverAPI', 'addAPIs']);

/** Do these options name a timeout, or hide what they hold? Absent options hold none. */
export function optionsTimed(ctx: ModuleContext, arg: Node | undefined): boolean {
  if (arg === undefined) return false;
  const value = unwrap(ctx.valueOf(arg));
  if (value === undefined) return true;
  if (value.type === 'Literal' || value.type === 'TemplateLiteral') return false; // `google.sheets('v4')`
  if (value.type !== 'ObjectExpression') return true;
  return /\btimeout\b|\.\.\./.test(ctx.source.slice(value.start, value.end));
}

/** What a client expression was built as: a googleapis API client or an OAuth2 client, and if timed. */
export function clientOf(ctx: ModuleContext, base: Node, hops = 0, params = 0): GoogleClient | undefined {
  let built = unwrap(ctx.valueOf(base));
  // `let client; try { client = await factory(...) } catch {}`: the one value the module assigns it.
  if (built?.type === 'Identifier') built = unwrap(lateAssigned(ctx, built)) ?? built;
  if (built?.type === 'AwaitExpression') built = unwrap(ctx.valueOf(built.argument as Node));
  built = throughRethrowingCatch(ctx, built);
  if (built?.type !== 'CallExpression' && built?.type !== 'NewExpression')
    return typedParamClient(ctx, base) ?? (params < 2 ? handedClient(ctx, base, params + 1) : undefined);
  const callee = unwrap(built.callee);
  if (callee === undefined) return undefined;
  const imp = ctx.importRoot(callee);
  const path = memberPath(callee);
  const args = built.arguments as Node[];
  // `Auth.auth.fromJSON(creds)` (googleapis' `Auth` re-export), `google.auth.fromJSON(creds)`, or
  // google-auth-library's own `auth.fromJSON(creds)`: the default GoogleAuth builds a JWT (or refresh-token)
  // client from a credentials file, which carries no transport options; the second argument (AuthClientOptions)
  // may name `transporterOptions`.
  if (built.type === 'CallExpression' && defaultAuthFromJson(imp, path))
    return { kind: 'oauth', timed: args.length > 1 && optionsTimed(ctx, args[1]) };
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
  const returned = built.type === 'CallExpression' && hops === 0 ? helperReturned(ctx, built) : undefined;
  if (returned !== undefined) return clientOf(ctx, returned, hops + 1, params);
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
    // `auth.OAuth2` of a named import, `publisher.auth.JWT` of a namespace import of the same package.
    (standalone !== undefined && /^([^.]+\.)?auth\.(OAuth2|JWT|GoogleAuth)$/.test(path?.join('.') ?? '')) ||
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

/** `fromJSON` of the default GoogleAuth instance: googleapis' `Auth.auth` or `google.auth`, google-auth-library's `auth`. */
function defaultAuthFromJson(
  imp: { source: string; imported: string } | undefined,
  path: string[] | undefined,
): boolean {
  const at = path?.join('.');
  if (imp?.source === 'googleapis')
    return (imp.imported === 'Auth' || imp.imported === 'google') && /^[^.]+\.auth\.fromJSON$/.test(at ?? '');
  return (
    imp?.source === 'google-auth-library' && imp.imported === 'auth' && /^[^.]+\.fromJSON$/.test(at ?? '')
  );
}

// What a client expression was found to be: an API or OAuth client, and whether a timeout was seen.
type GoogleClient = { kind: 'api' | 'oauth'; timed: boolean };

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
