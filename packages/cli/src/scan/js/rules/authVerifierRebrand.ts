// infra-error-as-auth inside a verify helper: a catch around a key-fetching verifier (aws-jwt-verify's
// `verifier.verify(token)`, jwks-rsa, openid-client, jose's remote key set) that raises a fresh "token
// verification failed" for whatever went wrong. The JWKS download's failure, `JwksNotAvailableInCacheError`
// or a network fault leaves the helper as a bad-token error, so every caller answers it 401/Deny.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { callsReaching } from '../callIndex.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersAuthFailure, callsRemote, discriminates } from './authFacts.js';
import { raisedMessage, wrappedMessages } from './authRebrands.js';
import type { Report } from './Report.js';

/** Words of a message that names the token or the caller's credentials... */
const TOKEN_WORD = /token|jwt|verif|unauthori[sz]ed|not authori[sz]ed|credential|authenticat/i;
/** ...as bad: a message naming the token without one of these does not call it forged. */
const BAD_WORD = /invalid|expired|failed|rejected|malformed|unauthori[sz]ed|not authori[sz]ed/i;
/** A message naming an outage says what it is, whatever else it names. */
const OUTAGE_WORD = /unavailable|timeout|timed out|retry|fetch|download|jwks|network|\b5\d\d\b/i;

/** Does a fixed message blame the token: a token word with a bad-token word, and no outage named? */
function blamesTokenText(message: string | undefined): boolean {
  return (
    message !== undefined && TOKEN_WORD.test(message) && BAD_WORD.test(message) && !OUTAGE_WORD.test(message)
  );
}

/** A throw in the catch body (not in a nested function) raising a fixed message that blames the token. */
function blamesToken(handler: Node): boolean {
  return wrappedMessages(handler).some(blamesTokenText);
}

/**
 * Does the catch tell errors apart? Testing the error's class is not enough: some path has to let the
 * others go as what they are, by rethrowing the caught error or raising one that does not blame the token
 * (`if (e instanceof JwtExpiredError) throw new Error('Token expired'); throw new Error('Invalid token')`
 * tells one class apart and rebrands the rest).
 */
function tellsApart(handler: Node): boolean {
  if (!discriminates(handler)) return false;
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  return someDescendant(
    handler.body as Node,
    (n) => {
      if (n.type !== 'ThrowStatement') return false;
      const thrown = unwrap(n.argument);
      if (thrown?.type === 'Identifier' && thrown.name === param) return true;
      const message = raisedMessage(thrown);
      return message !== undefined && !blamesTokenText(message);
    },
    true,
  );
}

/** Libraries whose verifier downloads the issuer's keys itself. */
const KEY_FETCHERS = [
  'aws-jwt-verify',
  'jwks-rsa',
  '@okta/jwt-verifier',
  'openid-client',
  'createRemoteJWKSet',
];

/**
 * Is the helper the catch sits in awaited, in this module, inside a try whose catch answers 401/Deny for any
 * error? Then that answering catch is the line reviewers point at, and the catch-all rule (rules/auth.ts)
 * reports it. A catch that tests the error first (`err.message === 'Invalid access token'`) is not reported
 * there, so the helper's rebrand is not exempted by it.
 */
function answeredHere(ctx: ModuleContext, handler: Node): boolean {
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined) return false;
  return callsReaching(ctx, fn).some((call) => {
    for (let n: Node | undefined = ctx.parentOf(call); n !== undefined; n = ctx.parentOf(n)) {
      if (isFunction(n)) return false;
      if (n.type === 'TryStatement' && n.handler != null) {
        const answering = n.handler as Node;
        return answersAuthFailure(answering.body as Node, ctx) !== undefined && !discriminates(answering);
      }
    }
    return false;
  });
}

/**
 * Reports each catch around a key-fetching verifier that raises a token error for any failure, unless it
 * tells the errors apart or a same-module caller's catch-all answering 401/Deny is reported instead.
 * @example
 * verifierRebrandRules(ctx, report) // at `catch { throw new Error('Invalid access token') }` around verifier.verify(t)
 */
export function verifierRebrandRules(ctx: ModuleContext, report: Report): void {
  // Only modules that name a key-fetching verifier: without this gate (review item 7, a verifier imported
  // from a module of the project) the eval lost precision (1.000 to 0.913), so the imported case stays missed.
  if (!KEY_FETCHERS.some((w) => ctx.spells(w))) return;
  for (const handler of ctx.of('CatchClause')) {
    // A catch whose throw is itself the answer (`Unauthorized`) is the catch-all rule's (rules/auth.ts).
    if (!blamesToken(handler) || answersAuthFailure(handler.body as Node, ctx) !== undefined) continue;
    if (tellsApart(handler) || answeredHere(ctx, handler)) continue;
    const tryStatement = ctx.parentOf(handler) as Node;
    const remote = callsRemote(ctx, tryStatement.block);
    if (remote === undefined) continue;
    report(
      'infra-error-as-auth',
      handler,
      `any failure of ${remote} (a key download, a network fault) is raised as a token error, so its callers answer an outage 401/Deny`,
    );
  }
}
