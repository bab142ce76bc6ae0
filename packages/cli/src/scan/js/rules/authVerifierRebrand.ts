// infra-error-as-auth inside a verify helper: a catch around a key-fetching verifier (aws-jwt-verify's
// `verifier.verify(token)`, jwks-rsa, openid-client, jose's remote key set) that raises a fresh "token
// verification failed" for whatever went wrong. The JWKS download's failure, `JwksNotAvailableInCacheError`
// or a network fault leaves the helper as a bad-token error, so every caller answers it 401/Deny.
import { isFunction, memberPath, type Node, someDescendant, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersAuthFailure, callsRemote, discriminates } from './authFacts.js';
import type { Report } from './Report.js';

/** Libraries whose verifier downloads the issuer's keys itself. */
const KEY_FETCHERS = [
  'aws-jwt-verify',
  'jwks-rsa',
  '@okta/jwt-verifier',
  'openid-client',
  'createRemoteJWKSet',
];

/** Words of a message that blames the token or the caller's credentials. */
const TOKEN_BLAME = /token|jwt|verif|unauthori[sz]ed|not authori[sz]ed|invalid.*credential|authenticat/i;

/** The message of `new Error('...')` / `Error(`...`)` a throw raises, when it is a fixed text. */
function raisedMessage(thrown: Node | undefined): string | undefined {
  const made = unwrap(thrown);
  if (made?.type !== 'NewExpression' && made?.type !== 'CallExpression') return undefined;
  if (!/Error$/.test(memberPath(unwrap(made.callee))?.at(-1) ?? '')) return undefined;
  const first = unwrap((made.arguments as Node[])[0]);
  if (first?.type === 'TemplateLiteral')
    return (first.quasis as Node[])[0]?.value?.cooked as string | undefined;
  return stringValue(first);
}

/** A throw in the catch body (not in a nested function) raising a fixed message that blames the token. */
function blamesToken(handler: Node): boolean {
  return someDescendant(
    handler.body as Node,
    (n) => n.type === 'ThrowStatement' && TOKEN_BLAME.test(raisedMessage(n.argument) ?? ''),
    true,
  );
}

/**
 * Is the helper the catch sits in awaited, in this module, inside a try whose catch answers 401/Deny
 * itself? Then that answering catch is the line reviewers point at, and it is reported on its own.
 */
function answeredHere(ctx: ModuleContext, handler: Node): boolean {
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined) return false;
  return ctx.of('CallExpression').some((call) => {
    if (ctx.functionOf(call.callee) !== fn) return false;
    for (let n: Node | undefined = ctx.parentOf(call); n !== undefined; n = ctx.parentOf(n)) {
      if (isFunction(n)) return false;
      if (n.type === 'TryStatement' && n.handler != null)
        return answersAuthFailure((n.handler as Node).body as Node, ctx) !== undefined;
    }
    return false;
  });
}

export function verifierRebrandRules(ctx: ModuleContext, report: Report): void {
  if (!KEY_FETCHERS.some((w) => ctx.spells(w))) return;
  for (const handler of ctx.of('CatchClause')) {
    // A catch whose throw is itself the answer (`Unauthorized`) is the catch-all rule's (rules/auth.ts).
    if (!blamesToken(handler) || answersAuthFailure(handler.body as Node, ctx) !== undefined) continue;
    if (discriminates(handler) || answeredHere(ctx, handler)) continue;
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
