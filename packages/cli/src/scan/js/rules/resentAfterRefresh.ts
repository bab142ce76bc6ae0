// no-retry: a request re-sent after refreshing an expired token is itself the retry of the first request
// (`if (!res.ok) { if (res.status !== 401) throw ...; const t = await refreshToken(); res = await fetch(url,
// { headers: { Authorization: t } }) }`). Asking for a retry of the re-send asks for a retry of a retry: the
// first request, the one a transient 5xx or 429 fails, carries the finding. So the first request must be
// there (the tested answer is its response) and the re-send must go to its URL: a fallback to a mirror, or a
// function's only request after some renewal, is no re-send. Read by retryAsked.ts.
import {
  calleeName,
  forEachDescendant,
  isFunction,
  type Node,
  someDescendant,
  unwrap,
  wrap,
} from '../ast.js';
import { classifyHttpCall } from '../httpCall.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * A call that gets a new credential: `refreshAppAccessToken()`, `attemptRefresh()`, `renewSession()`,
 * `reauthenticate()`; not `refreshCache()`, `renewLease()` or `autoRenewSubscription()`.
 */
const REFRESH =
  /^((get|fetch|attempt|try)(?=[A-Z]))?([rR]efresh|[rR]enew)(\w*(Token|Session|Auth|Credential|Login)s?)?$|^re[aA]uth/;

/** The HTTP call whose answer `name` holds, assigned before `before` in `fn` (`let res = await fetch(url)`). */
function answeredBy(ctx: ModuleContext, fn: Node, name: string, before: number): Node | undefined {
  let request: Node | undefined;
  forEachDescendant(fn, (n) => {
    if (n.start >= before) return false;
    const [id, value] =
      n.type === 'VariableDeclarator'
        ? [n.id, n.init]
        : n.type === 'AssignmentExpression'
          ? [n.left, n.right]
          : [];
    let init = unwrap(value as Node | undefined);
    if (init?.type === 'AwaitExpression') init = unwrap(init.argument as Node);
    if (
      (id as Node | undefined)?.name === name &&
      init?.type === 'CallExpression' &&
      classifyHttpCall(ctx, init)
    )
      request = init;
    return true;
  });
  return request;
}

/** The request whose failure `test` reads (`!res.ok`, `res.status === 401`), when it is an HTTP call's answer. */
function failedRequest(ctx: ModuleContext, fn: Node, test: Node): Node | undefined {
  let request: Node | undefined;
  someDescendant(
    wrap(test),
    (n) => {
      const object = n.type === 'MemberExpression' ? unwrap(n.object as Node) : undefined;
      if (object?.type !== 'Identifier' || !/^(ok|status|statusCode)$/.test(n.property?.name ?? ''))
        return false;
      request = answeredBy(ctx, fn, object.name as string, test.start);
      return request !== undefined;
    },
    true,
  );
  return request;
}

/** The source of a call's first argument, its URL for fetch and axios. */
function urlText(ctx: ModuleContext, call: Node): string | undefined {
  const url = (call.arguments as Node[])[0];
  return url === undefined ? undefined : ctx.source.slice(url.start, url.end);
}

/**
 * Is `call` re-sent to the same URL inside a branch (either) of a test on an earlier HTTP answer's `ok` or
 * status, after a credential refresh made in that branch before it? Only within the call's own function: a
 * refresh in a caller says nothing of which request it repeats.
 *
 * @example
 * resentAfterRefresh(ctx, secondFetch) // true in: let res = await fetch(url); if (!res.ok) { const t = await refreshToken(); res = await fetch(url, { headers: { Authorization: t } }) }
 */
export function resentAfterRefresh(ctx: ModuleContext, call: Node): boolean {
  const fn = ctx.enclosingFunction(call);
  if (fn === undefined) return false;
  for (let c = call, p = ctx.parentOf(call); p !== undefined && !isFunction(p); c = p, p = ctx.parentOf(p)) {
    if (p.type !== 'IfStatement' || (p.consequent !== c && p.alternate !== c)) continue;
    const first = failedRequest(ctx, fn, p.test as Node);
    if (first === undefined || urlText(ctx, first) !== urlText(ctx, call)) continue;
    const refreshed = someDescendant(
      c,
      (n) => n.type === 'CallExpression' && n.end <= call.start && REFRESH.test(calleeName(n) ?? ''),
      true,
    );
    if (refreshed) return true;
  }
  return false;
}
