// retry-unbounded: a function that answers a 401 (an expired or rejected token) by fetching a new token and
// calling itself again, with nothing that counts the rounds: `else if (response.statusCode === 401) {
// const token = await this.retrieveAccessToken(); resolve(this.retrieveUser(id, token)) }`. When the new
// token is refused too (a revoked key, a missing permission), it loops token exchange and request until the
// function times out. A flag or counter (a parameter named for it, a literal handed back, a test that also
// asks `!retried`) bounds it, as does calling something other than itself (one retry of the request).
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';
import { bounded, callsSelf, selfName } from './retryRecursion.js';

/** A test that asks about an authentication failure. */
const AUTH_TEST =
  /\b401\b|nauthori[sz]ed|UNAUTHORI[SZ]ED|invalid_token|InvalidToken|TokenExpired|ExpiredToken|[Tt]oken\W{0,3}(is\W)?[Ee]xpired|[Ee]xpired\W{0,3}[Tt]oken/;
/** A word every match of AUTH_TEST holds, in some case. */
const AUTH_WORDS = ['401', 'nauthori', 'invalid', 'xpired'];
/** The auth test of the branch the call sits in (its `if` consequent or `? :` first arm), below `fn`. */
function authBranchTest(ctx: ModuleContext, call: Node, fn: Node): Node | undefined {
  let child = call;
  for (let n = ctx.parentOf(call); n !== undefined && n !== fn; n = ctx.parentOf(n)) {
    const branch =
      (n.type === 'IfStatement' && n.consequent === child) ||
      (n.type === 'ConditionalExpression' && n.consequent === child);
    if (branch && AUTH_TEST.test(ctx.source.slice(n.test.start, n.test.end))) return n.test as Node;
    child = n;
  }
  return undefined;
}

/** Between the call and the function, only arrows: `this` is still the method's. */
function thisReaches(ctx: ModuleContext, call: Node, fn: Node): boolean {
  for (let f = ctx.enclosingFunction(call); f !== undefined && f !== fn; f = ctx.enclosingFunction(f))
    if (f.type !== 'ArrowFunctionExpression') return false;
  return true;
}

/**
 * The self-calls a function makes on an authentication failure with no bound on the rounds.
 *
 * @example
 * authRecursionSites(ctx) // `if (res.statusCode === 401) resolve(this.get(id, await this.token()))` -> [site]
 */
export function authRecursionSites(ctx: ModuleContext): RetrySite[] {
  if (!ctx.testSpelled(AUTH_TEST, AUTH_WORDS)) return [];
  const sites: RetrySite[] = [];
  for (const call of ctx.of('CallExpression')) {
    // Only `name(...)` or `this.name(...)` can be a function calling itself.
    const callee = unwrap(call.callee);
    if (
      callee?.type !== 'Identifier' &&
      unwrap(callee?.object as Node | undefined)?.type !== 'ThisExpression'
    )
      continue;
    for (let fn = ctx.enclosingFunction(call); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
      const self = isFunction(fn) ? selfName(ctx, fn) : undefined;
      if (self === undefined || !callsSelf(call, self)) continue;
      if (self.viaThis && !thisReaches(ctx, call, fn)) break;
      const test = authBranchTest(ctx, call, fn);
      if (test !== undefined && !bounded(ctx, fn, call, [test]))
        sites.push({
          node: call,
          label: 'retry on an expired token',
          unbounded: `${self.name}() calls itself again on an authentication failure with no attempt limit: a token that is refused every time loops token fetch and request until the function times out`,
          noBreaker: true,
        });
      break;
    }
  }
  return sites;
}
