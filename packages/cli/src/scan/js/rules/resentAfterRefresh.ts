// no-retry: a request re-sent after refreshing an expired token is itself the retry of the first request
// (`if (!res.ok) { if (res.status !== 401) throw ...; const t = await refreshToken(); res = await fetch(url,
// { headers: { Authorization: t } }) }`). Asking for a retry of the re-send asks for a retry of a retry: the
// first request, the one a transient 5xx or 429 fails, carries the finding. Read by retryAsked.ts.
import { calleeName, isFunction, type Node, someDescendant, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A call that gets a new credential: `refreshAppAccessToken()`, `renewSession()`, `reauthenticate()`. */
const REFRESH = /^(refresh|renew|reauth)|Refresh|Renew|Reauth/;

/** A test on an earlier answer's failure: `!res.ok`, `res.status === 401`, `status !== 200`. */
function answerFailureTest(test: Node): boolean {
  return someDescendant(
    wrap(test),
    (n) =>
      (n.type === 'MemberExpression' && /^(ok|status|statusCode)$/.test(n.property?.name ?? '')) ||
      (n.type === 'Literal' && (n.value === 401 || n.value === 403)),
    true,
  );
}

/**
 * Is `call` re-sent inside the branch that answers an earlier request's failure, after a token refresh made
 * in that branch before it? Only within the call's own function: a refresh in a caller says nothing of which
 * request it repeats.
 *
 * @example
 * resentAfterRefresh(ctx, secondFetch) // true in: if (!res.ok) { const t = await refreshToken(); res = await fetch(url, { headers: { Authorization: t } }) }
 */
export function resentAfterRefresh(ctx: ModuleContext, call: Node): boolean {
  for (let c = call, p = ctx.parentOf(call); p !== undefined && !isFunction(p); c = p, p = ctx.parentOf(p)) {
    if (p.type !== 'IfStatement' || p.consequent !== c || !answerFailureTest(p.test as Node)) continue;
    const refreshed = someDescendant(
      c,
      (n) => n.type === 'CallExpression' && n.end <= call.start && REFRESH.test(calleeName(n) ?? ''),
      true,
    );
    if (refreshed) return true;
  }
  return false;
}
