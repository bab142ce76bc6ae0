// infra-error-as-auth: a catch around a token check, JWKS fetch or verifier call that answers 401/403 for
// any error, so an outage of the identity provider logs every user out.
import { calleeName, type Node, someDescendant, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextMemo } from '../textMemo.js';
import { gatedCatch } from './authAcrossModules.js';
import { awaitedImports } from './authAwaitedImports.js';
import { awsErrorNameRules } from './authAwsErrorNames.js';
import { verifyCallbackRules } from './authCallbacks.js';
import { raisedAuthClass } from './authErrorClasses.js';
import { raisedFactories } from './authErrorFactories.js';
import { errorHookRules } from './authErrorHooks.js';
import { errorTupleRules } from './authErrorTuples.js';
import { answersAuthFailure, callsRemote, discriminates } from './authFacts.js';
import { fallThrough, onlyLogs, readsTrySet, returnsOnSuccess } from './authFlow.js';
import { hookFalsyAnswer } from './authFrameworkHooks.js';
import { keyCacheCatch, keyCacheRules } from './authKeyCache.js';
import { messageTestRules } from './authMessageTest.js';
import { nullFlowRules, nullFlowSites } from './authNullFlow.js';
import { passportRules } from './authPassport.js';
import { authMessageTests } from './authRebrands.js';
import { reconnectRules } from './authReconnect.js';
import { reachingBlock } from './authShieldedTries.js';
import { tokenExchangeRules } from './authTokenExchange.js';
import { verifierRebrandRules } from './authVerifierRebrand.js';
import { credentialCheckRules } from './credentialChecks.js';
import { introspectionCatch, introspectionRules } from './introspection.js';
import type { Report, Rule } from './Report.js';

/**
 * The deny a catch that answers nothing itself falls through to: `try { return allow(await
 * verifier.verify(t)) } catch {} ... return deny`, or `let claims; try { claims = await verify(t) }
 * catch (e) { log(e) } if (!claims) return 401`.
 */
function fallThroughDeny(ctx: ModuleContext, handler: Node): Node | undefined {
  if (!onlyLogs(handler)) return undefined;
  const tryStatement = ctx.parentOf(handler) as Node;
  const next = fallThrough(ctx, tryStatement);
  if (next?.kind === 'test') return answersAuthFailure(next.node.consequent as Node, ctx);
  // The try answers on success itself, or sets what the exit answers with (`effect = 'Allow'`).
  if (next?.kind === 'exit' && (returnsOnSuccess(tryStatement) || readsTrySet(tryStatement, next.node)))
    return answersAuthFailure(wrap(next.node), ctx);
  return undefined;
}

/** Is this catch clause one the infra-error-as-auth rule owns (it answers 401/403 or feeds a gate)? */
export function authCatch(ctx: ModuleContext, handler: Node): boolean {
  const body = handler.body as Node;
  return (
    answersAuthFailure(body, ctx) !== undefined ||
    fallThroughDeny(ctx, handler) !== undefined ||
    hookFalsyAnswer(ctx, handler) !== undefined ||
    keyCacheCatch(ctx, handler) ||
    gatedCatch(ctx, handler) ||
    nullFlowSites(ctx).has(handler) ||
    (ctx.spells('ntrospect') && introspectionCatch(ctx, handler))
  );
}

/** Names in a promise chain that reach an identity provider (no `await` to go by in a chain). */
const REMOTE_IN_CHAIN = /verif|jwks|jwt|token|introspect|signingkey|getSigningKey|discover|openid|wellKnown/i;

/**
 * `verifier.verify(token).then(allow).catch(() => deny)`: the chain's catch answers Deny/401 for whatever
 * went wrong, the identity provider's outage included.
 */
function chainCatches(ctx: ModuleContext, report: Report): void {
  for (const call of ctx.of('CallExpression')) {
    // `.then(onFulfilled, onRejected)`: the second callback is the chain's catch for what came before.
    const name = calleeName(call);
    const handlerAt = name === 'catch' ? 0 : name === 'then' && call.arguments.length === 2 ? 1 : -1;
    if (handlerAt < 0) continue;
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const cb = ctx.valueOf(call.arguments[handlerAt] as Node | undefined);
    if (cb === undefined || (cb.type !== 'ArrowFunctionExpression' && cb.type !== 'FunctionExpression'))
      continue;
    // The value the callback answers with: its body, or the constant a bare name stands for.
    const body = cb.body as Node;
    const answered = body.type === 'BlockStatement' ? body : (ctx.valueOf(body) ?? body);
    const wrapped = wrap(answered);
    // `.catch(() => next(util.buildInvalidApiKey()))`: a helper of the project that builds the 401.
    const built =
      answersAuthFailure(wrapped, ctx) === undefined && mayRaise(ctx)
        ? raisedFactories(ctx, wrapped)
        : undefined;
    if (answersAuthFailure(wrapped, ctx) === undefined && built === undefined) continue;
    const param = (cb.params as Node[])[0];
    if (param !== undefined && discriminates({ type: 'CatchClause', start: 0, end: 0, param, body } as Node))
      continue;
    const chain = unwrap(callee.object) as Node;
    // Wrapped: `getSignedUrl(client, cmd).catch(...)` is a chain whose root call is the remote one.
    const remote =
      callsRemote(ctx, wrap(chain)) ??
      rootRemote(ctx, chain) ??
      (someDescendant(
        chain,
        (n) => n.type === 'CallExpression' && REMOTE_IN_CHAIN.test(calleeName(n) ?? ''),
        true,
      ) ||
      (chain.type === 'CallExpression' && REMOTE_IN_CHAIN.test(calleeName(chain) ?? ''))
        ? 'the token verification'
        : undefined);
    if (remote === undefined) continue;
    report(
      'infra-error-as-auth',
      call.arguments[handlerAt] as Node,
      `${handlerAt === 0 ? '.catch()' : "then()'s rejection handler"} answers any failure of ${remote} with Deny/401/403, so an outage logs every user out`,
      built !== undefined && 'imported' in built ? { onlyIfImportAuthError: built.imported } : {},
    );
  }
}

/**
 * `lookupScopes(key).then(...).catch(deny)`: the chain starts at a function of this module, whose promise
 * (a lookup, a key fetch) is what the chain's catch answers for; judged by what that function does.
 */
function rootRemote(ctx: ModuleContext, chain: Node): string | undefined {
  let root = unwrap(chain);
  for (let i = 0; i < 8 && root?.type === 'CallExpression'; i++) {
    const callee = unwrap(root.callee);
    if (callee?.type !== 'MemberExpression') break;
    root = unwrap(callee.object);
  }
  if (root?.type !== 'CallExpression' || unwrap(root.callee)?.type !== 'Identifier') return undefined;
  const fn = ctx.functionOf(root.callee);
  return fn === undefined ? undefined : callsRemote(ctx, wrap(fn.body as Node), 1);
}

export const authRules: Rule = (ctx: ModuleContext, report: Report) => {
  introspectionRules(ctx, report);
  credentialCheckRules(ctx, report);
  messageTestRules(ctx, report);
  verifyCallbackRules(ctx, report);
  passportRules(ctx, report);
  errorHookRules(ctx, report);
  errorTupleRules(ctx, report);
  awsErrorNameRules(ctx, report);
  keyCacheRules(ctx, report);
  nullFlowRules(ctx, report);
  tokenExchangeRules(ctx, report);
  reconnectRules(ctx, report);
  verifierRebrandRules(ctx, report);
  if (ctx.spells('.catch(') || ctx.spells('.then(')) chainCatches(ctx, report);
  for (const handler of ctx.of('CatchClause')) {
    const body = handler.body as Node;
    const tryStatement = ctx.parentOf(handler) as Node;
    const auth =
      answersAuthFailure(body, ctx) ?? fallThroughDeny(ctx, handler) ?? hookFalsyAnswer(ctx, handler);
    // `throw new TokenError()`: a class whose 401/403 is set where it is declared (here or imported).
    const raised =
      auth === undefined && mayRaise(ctx)
        ? (raisedAuthClass(ctx, body) ?? raisedFactories(ctx, body))
        : undefined;
    if (auth === undefined && raised === undefined) continue;
    if (discriminates(handler)) {
      rebrandedTest(ctx, handler, tryStatement, report);
      continue;
    }
    const classes =
      raised !== undefined && 'imported' in raised ? { onlyIfImportAuthError: raised.imported } : {};
    // Reported at the catch: the line that decides every error is an auth failure (reviewers point there).
    // Leaving out an inner try that answers for its own block (rules/authShieldedTries.ts).
    const reached = reachingBlock(ctx, tryStatement.block as Node);
    const remote = callsRemote(ctx, reached);
    if (remote !== undefined)
      report(
        'infra-error-as-auth',
        handler,
        `any failure of ${remote} is answered as 401/403, so an outage logs every user out`,
        classes,
      );
    else {
      const refs = awaitedImports(ctx, reached);
      if (refs.length > 0)
        report(
          'infra-error-as-auth',
          handler,
          'any failure of {remote} is answered as 401/403/Deny, so an outage logs every user out',
          { onlyIfImportRemote: refs, ...classes },
        );
    }
  }
};

/**
 * `if (err.message.includes('Authentication failed')) return error(err.message, 401)`: a test that tells
 * errors apart only if the awaited helper does not word every failure that way (rules/authRebrands.ts).
 */
function rebrandedTest(ctx: ModuleContext, handler: Node, tryStatement: Node, report: Report): void {
  const words = authMessageTests(ctx, handler);
  if (words.length === 0) return;
  const refs = awaitedImports(ctx, tryStatement.block);
  // {words}: the tested words the helper's message holds, filled in by the project pass.
  if (refs.length > 0)
    report(
      'infra-error-as-auth',
      handler,
      `the catch answers 401/403 for errors whose message says "{words}", which the helper it awaits raises for any failure of {remote}: an outage logs every user out`,
      { onlyIfImportRebrands: { refs, words } },
    );
}

/** Words of a module that mentions auth. */
export const AUTH_TEXT = /auth|token|session|jwt|jwks|api.?key/i;
/** AUTH_TEXT's words, one in every alternative (spelledWords.test.ts holds them together). */
export const AUTH_TEXT_WORDS: readonly string[] = ['auth', 'token', 'session', 'jwt', 'jwks', 'api'];
/**
 * Whether a module mentions auth: asked once per catch clause of the module, answered once per context and
 * on the context's own word index (ModuleContext.testSpelled), which helper modules' contexts cannot empty.
 */
const mentionsAuth = contextMemo((ctx) => ctx.testSpelled(AUTH_TEXT, AUTH_TEXT_WORDS));

/** A catch raising a project error class (`throw new X(`, `next(new X(`) in a module that mentions auth. */
function mayRaise(ctx: ModuleContext): boolean {
  return ctx.spells('new ') && mentionsAuth(ctx);
}
