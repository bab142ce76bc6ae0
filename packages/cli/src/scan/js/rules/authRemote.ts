// Does a try block depend on a remote system: a JWKS or OIDC discovery fetch, a secret or key lookup, an
// introspection, an AWS call? Followed through the module's own functions (`await verifyToken(t)` is
// judged by what verifyToken does, not by its name) and into a promise's executor (`new Promise((res,
// rej) => jwt.verify(token, getKey, cb))`); a name is the only evidence left for a call the module
// cannot see into.
import { calleeName, isFunction, memberPath, type Node, objectProps, unwrap, wrap } from '../ast.js';
import { typedClientCall } from '../handedInClients.js';
import { localDecode } from '../localDecoders.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkClass, memberCall, methodOf, ownMethod, sdkInstance } from '../memberClass.js';
import { isSdkSend } from '../sdkSend.js';
import { someBelow } from '../subtreeIndex.js';

import { handedLookup } from './authHandedLookups.js';
import { dataLookup } from './authLookups.js';
import { packageVerifier } from './authPackageVerifiers.js';
import { chainUser } from './authPromiseChain.js';
import { classifyHttpCall } from './http.js';
import { lazyBuilds } from './lazyBuilds.js';

/** Libraries whose verifier fetches the issuer's keys on first use (and again when a key rotates). */
const REMOTE_VERIFIERS = new Set(['aws-jwt-verify', '@okta/jwt-verifier', 'jwks-rsa', 'openid-client']);
const NAMED_REMOTE =
  /^(introspect|getPublicKey|fetchJwks|getKey|lookupApiKey|getItem|findUser)|verif|jwt|jwks|token|signingkey|discover|openid|wellKnown|secret/i;

/** jose's verify functions, each given the key or key set as its second argument. */
const JOSE_VERIFY = /^(jwtVerify|compactVerify|flattenedVerify|generalVerify)$/;

/** `CognitoJwtVerifier.create(...)`, `new OktaJwtVerifier(...)`, `jwksClient(...)`: what `object` was built by. */
function remoteVerifierObject(ctx: ModuleContext, object: Node | undefined): boolean {
  const root = unwrap(object);
  // `this.verifier`: a field of a class; its initialiser is not followed, the name speaks for it.
  if (root?.type === 'MemberExpression')
    return /JwtVerifier|jwks|verifier/i.test(memberPath(root)?.join('.') ?? '');
  // `let verifier = null`, built on first use, maybe behind a getter (`const v = getVerifier()`).
  const lazy = lazyBuilds(ctx, root);
  if (lazy.some((c) => REMOTE_VERIFIERS.has(ctx.importRoot(c.callee)?.source ?? ''))) return true;
  const made = ctx.valueOf(root);
  if (made === undefined || made === root) return /JwtVerifier|jwks|verifier/i.test(root?.name ?? '');
  const call = unwrap(made.type === 'ConditionalExpression' ? made.consequent : made);
  if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return false;
  return REMOTE_VERIFIERS.has(ctx.importRoot(call.callee)?.source ?? '');
}

/** `this.jwtService.verifyAsync(token)` in a module using @nestjs/jwt: a local check against its secret. */
function nestJwt(ctx: ModuleContext, object: Node | undefined): boolean {
  if (!ctx.spells('@nestjs/jwt')) return false;
  return /jwtService$/i.test(memberPath(unwrap(object))?.at(-1) ?? '');
}

/** jose's `jwtVerify(token, key)` against a remote key set (createRemoteJWKSet, here or behind a getter). */
function remoteJose(ctx: ModuleContext, call: Node): boolean {
  const arg = unwrap(call.arguments[1]);
  const key = ctx.valueOf(arg);
  const keyText = key ? ctx.source.slice(key.start, key.end) : '';
  if (/createRemoteJWKSet/.test(keyText)) return true;
  // `let jwks = null; ... jwks = createRemoteJWKSet(url)`: the set is built on first use.
  if (
    /createRemoteJWKSet/.test(ctx.source) &&
    lazyBuilds(ctx, arg).some((c) => /createRemoteJWKSet/.test(ctx.source.slice(c.start, c.end)))
  )
    return true;
  // A name or a getter (`jwks`, `getJwks()`) in a module that builds a remote set somewhere.
  return (
    (arg?.type === 'Identifier' || arg?.type === 'CallExpression' || arg?.type === 'MemberExpression') &&
    /createRemoteJWKSet/.test(ctx.source) &&
    /jwks|keyset|keys/i.test(keyText)
  );
}

/**
 * An exported verifier made by a library that fetches the issuer's keys (`export const cognitoAuth =
 * CognitoJwtVerifier.create(...)`, `new OktaJwtVerifier(...)`, `jwksClient(...)`): its importers' awaited
 * methods reach the JWKS endpoint, whatever the export is called.
 */
export function remoteVerifierMade(ctx: ModuleContext, value: Node | undefined): boolean {
  const made = unwrap(ctx.valueOf(value));
  const call = unwrap(made?.type === 'ConditionalExpression' ? made.consequent : made);
  if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return false;
  return REMOTE_VERIFIERS.has(ctx.importRoot(call.callee)?.source ?? '');
}

/**
 * `getSignedUrl(s3Client, command)`, `paginateListObjectsV2({ client }, input)`: a helper of an AWS SDK
 * package handed a client, which resolves credentials and may call AWS through it.
 */
function sdkHelperCall(ctx: ModuleContext, call: Node, source: string | undefined): boolean {
  if (source?.startsWith('@aws-sdk/') !== true) return false;
  const first = unwrap((call.arguments as Node[])[0]);
  const client = first?.type === 'ObjectExpression' ? objectProps(first)?.props.get('client') : first;
  return client !== undefined && sdkInstance(ctx, client);
}

/**
 * Answers found per module, by block and depth (a wrapped body, walked from the body itself, at odd slots):
 * a class's methods call one another, so the same method body was walked again for every caller, and
 * exportFacts asks again of functions the rules already judged. The answer depends only on the module's
 * syntax and imports, which do not change once its context is built.
 */
const answers = new WeakMap<ModuleContext, Map<Node, (string | typeof NONE | undefined)[]>>();
const NONE = Symbol('none');

function remembered(
  ctx: ModuleContext,
  block: Node,
  slot: number,
  find: () => string | undefined,
): string | undefined {
  let byBlock = answers.get(ctx);
  if (byBlock === undefined) {
    byBlock = new Map();
    answers.set(ctx, byBlock);
  }
  let slots = byBlock.get(block);
  if (slots === undefined) {
    slots = [];
    byBlock.set(block, slots);
  }
  const known = slots[slot];
  if (known !== undefined) return known === NONE ? undefined : known;
  const found = find();
  slots[slot] = found ?? NONE;
  return found;
}

/** `callsRemote` of a function's body, the body itself included (an arrow's expression body is a call). */
function bodyRemote(ctx: ModuleContext, body: Node, depth: number): string | undefined {
  return remembered(ctx, body, depth * 2 + 1, () => walkRemote(ctx, wrap(body), depth));
}

/** Is `block` a try's own block, whose `return p` hands `p` out past its catch? */
function tryBlock(ctx: ModuleContext, block: Node): boolean {
  const parent = ctx.parentOf(block);
  return parent?.type === 'TryStatement' && parent.block === block;
}

/** What remote system a block depends on (see above), or undefined. */
export function callsRemote(ctx: ModuleContext, block: Node, depth = 0): string | undefined {
  return remembered(ctx, block, depth * 2, () => walkRemote(ctx, block, depth));
}

function walkRemote(ctx: ModuleContext, block: Node, depth: number): string | undefined {
  let what: string | undefined;
  // Judges one call and sets `what` when it is remote; the walk stops at the first that does.
  const judge = (n: Node & { type: 'NewExpression' | 'CallExpression' }): false => {
    // `await new Promise((resolve, reject) => jwt.verify(token, getKey, cb))`: the executor runs now.
    if (n.type === 'NewExpression' && unwrap(n.callee)?.name === 'Promise' && depth < 3) {
      const executor = unwrap(n.arguments[0]);
      if (isFunction(executor)) what = bodyRemote(ctx, executor?.body as Node, depth + 1);
      return false;
    }
    if (n.type !== 'CallExpression') return false;
    const name = calleeName(n);
    const imp = ctx.importRoot(n.callee);
    const user = chainUser(ctx, n);
    const parentType = user?.type;
    const awaited = parentType === 'AwaitExpression';
    // An AWS client's method handed back from a method (`return this.kms.decrypt(...)`) is awaited by
    // whoever awaits that method; only for the client calls below, never for a name judged by its words.
    // aws-sdk v2's callback form (`kms.verify(params, (err, data) => ...)`) sends the request as well.
    const args = n.arguments as Node[];
    const handedBack =
      awaited || parentType === 'ReturnStatement' || isFunction(unwrap(args[args.length - 1]));
    // `return getVerifier().verify(t)`, `(t) => verifier.verify(t)`: the verifier's promise handed back
    // unawaited settles whoever awaits the helper (a try's own `return p` escapes its catch, though).
    const returned =
      (parentType === 'ReturnStatement' ||
        (parentType === 'ArrowFunctionExpression' && user?.body?.type !== 'BlockStatement')) &&
      !tryBlock(ctx, block);
    // `jose.decodeJwt(t)`: its name says jwt, but it reads the claims with no key (js/localDecoders.ts).
    if (localDecode(ctx, n)) return false;
    // jose's verifiers all take the key (or a key set) second: `jwtVerify`, `compactVerify`,
    // `flattenedVerify`, `generalVerify`.
    if (JOSE_VERIFY.test(name ?? '') && imp?.source === 'jose') {
      if (remoteJose(ctx, n)) what = 'the remote JWKS';
      return false;
    }
    // Clerk's verifyToken: a JWKS fetch unless handed the PEM key (rules/authPackageVerifiers.ts).
    const packaged =
      imp === undefined
        ? undefined
        : packageVerifier(ctx, n, imp.source, n.callee.type === 'Identifier' ? imp.imported : (name ?? ''));
    if (packaged !== undefined) {
      if (packaged === 'remote') what = 'the JWKS endpoint';
      return false;
    }
    // `await request.jwtVerify()`: @fastify/jwt (and kin) check against the secret they were registered
    // with, unless the module hands them a JWKS.
    if (name === 'jwtVerify' && imp === undefined && !/jwks/i.test(ctx.source)) return false;
    if (name === 'verify' && imp?.source === 'jsonwebtoken') {
      // A key callback (`getKey(header, cb)`) fetches the key; a key or secret in hand is a local check.
      const key = ctx.functionOf(n.arguments[1]);
      if (key !== undefined && depth < 3) what = bodyRemote(ctx, key.body as Node, depth + 1);
      return false;
    }
    // `const verifyAsync = promisify(jwt.verify)`: jsonwebtoken's verify, judged as above.
    const made = n.callee.type === 'Identifier' ? ctx.valueOf(n.callee) : undefined;
    if (made?.type === 'CallExpression' && calleeName(made) === 'promisify') {
      if (ctx.importRoot(made.arguments[0])?.source === 'jsonwebtoken') {
        const key = ctx.functionOf(n.arguments[1]);
        if (key !== undefined && depth < 3) what = bodyRemote(ctx, key.body as Node, depth + 1);
        return false;
      }
    }
    // `await this.jwtAdapter.verify(t)`: a method of the receiver's class is judged by what it does (an
    // AWS client's method is a call to AWS); one of an imported project class by its own module.
    const called = handedBack && n.callee.type === 'MemberExpression' ? memberCall(ctx, n) : undefined;
    if (called !== undefined && isSdkClass(called.owner) && called.method !== 'send') {
      what = `${called.method} (AWS)`;
      return false;
    }
    const member = awaited ? called : undefined;
    // A class of a sibling module is judged there (remoteMethods), not by its method's name; a scoped
    // package may be a workspace or a public verifier (`@okta/jwt-verifier`), so its name still speaks.
    if (member?.owner.kind === 'import' && member.owner.source.startsWith('.')) return false;
    // `await this.sendDecryptRequest(alias, key)`: a method of the class the call sits in.
    const own = awaited && member === undefined ? ownMethod(ctx, n) : undefined;
    // Only what it is seen to do counts here; otherwise its name is judged below, as before.
    const ownRemote =
      own !== undefined && depth < 3 ? bodyRemote(ctx, own.body as Node, depth + 1) : undefined;
    if (ownRemote !== undefined) {
      what = ownRemote;
      return false;
    }
    if (member?.owner.kind === 'local') {
      const fn = methodOf(member.owner.cls, member.method);
      if (fn !== undefined) {
        if (depth < 3) what = bodyRemote(ctx, fn.body as Node, depth + 1);
        return false;
      }
    }
    if (name === 'getSigningKey' || name === 'getSigningKeys' || name === 'getSigningKeyAsync')
      what = 'the JWKS endpoint';
    else if (/^verify/.test(name ?? '') && (awaited || returned) && n.callee.type === 'MemberExpression') {
      // NestJS's JwtService checks against the secret it was configured with; aws-jwt-verify's
      // `verifySync` only reads keys already cached (it throws rather than fetch).
      if (nestJwt(ctx, n.callee.object) || /Sync$/.test(name ?? '')) return false;
      if (remoteVerifierObject(ctx, n.callee.object)) what = 'the JWKS endpoint';
      // `authService.verifyToken(t)` of a project module imported whole is judged there
      // (onlyIfImportRemote, importedEnds.ts), not by its name, as a named import is below.
      else if (projectModuleObject(ctx, n.callee.object)) return false;
      else if (awaited && name !== 'verify' && NAMED_REMOTE.test(name ?? '')) what = `${name}()`;
    } else if (isSdkSend(ctx, n)) {
      const arg = unwrap(n.arguments[0]);
      const cmd =
        arg?.type === 'NewExpression' ? (unwrap(arg.callee)?.name as string | undefined) : undefined;
      what = cmd !== undefined ? `${cmd} (AWS)` : 'an AWS call';
    } else if (sdkHelperCall(ctx, n, imp?.source)) what = `${name}() (AWS)`;
    else if (classifyHttpCall(ctx, n) !== undefined || typedClientCall(ctx, n)) what = 'an HTTP call';
    else if (dataLookup(ctx, n) !== undefined) what = dataLookup(ctx, n);
    else if (awaited && name !== undefined) {
      // A function of this module: what it does decides, not its name.
      const local = n.callee.type === 'Identifier' ? ctx.functionOf(n.callee) : undefined;
      if (local !== undefined) {
        // Or a lookup it hands back unawaited (`const byKey = (k) => db.select().from(keys)...`).
        if (depth < 3) what = bodyRemote(ctx, local.body as Node, depth + 1) ?? handedLookup(ctx, local);
      } else if (
        !(n.callee.type === 'Identifier' && ctx.projectImports.has(n.callee.name as string)) &&
        NAMED_REMOTE.test(name)
      )
        // A project import is judged by what it does in its own module (onlyIfImportRemote), not by name.
        what = `${name}()`;
    }
    return false;
  };
  someBelow(
    block,
    ['NewExpression', 'CallExpression'],
    (n) => {
      judge(n);
      return Boolean(what);
    },
    true,
  );
  return what;
}

/** `authService` of `import * as authService from '../auth/authService'` (or its default import): a project module. */
function projectModuleObject(ctx: ModuleContext, object: Node): boolean {
  const o = unwrap(object);
  if (o?.type !== 'Identifier') return false;
  const imp = ctx.importOf(o.name as string, o);
  return (
    imp !== undefined && (imp.imported === '*' || imp.imported === 'default') && imp.source.startsWith('.')
  );
}
