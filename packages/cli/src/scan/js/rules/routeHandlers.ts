// Whether code runs inside an HTTP route handler of Express and its kin (`async (req, res) => ...`,
// answering through `res`). Such a handler is registered by reference (`router.post('/x', ctrl.create)`)
// and called per request by the framework inside the API's Lambda (serverless-http and the like), so no
// importer's call shows it on a handler's path: like a GraphQL resolver, it runs per request.
import { escapeRegExp } from '../../escapeRegExp.js';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { responseParam } from './routeCatchNoAnswer.js';

/**
 * Is `stmt` work started by a route handler `(req, res[, next])` that answers through `res`, apart from
 * its answer? Only the nearest function counts: a callback inside the route (a stream's listener, a
 * timer) runs on its own schedule. A statement that reads `res` or `next` (`find().then((x) =>
 * res.json(x)).catch(next)`) carries the answer itself: serverless-http and its kin resolve the
 * invocation only when the response ends, so that chain is waited for.
 *
 * @example routeWork(ctx, stmt) // `sendOtp(email);` in `const forgot = async (req, res) => { ... }` -> true
 */
export function routeWork(ctx: ModuleContext, stmt: Node): boolean {
  const fn = ctx.enclosingFunction(stmt);
  const res = fn === undefined ? undefined : responseParam(ctx, fn);
  if (fn === undefined || res === undefined) return false;
  const next = (fn.params as Node[])[2];
  const names = [res, ...(next?.type === 'Identifier' ? [next.name as string] : [])].map(escapeRegExp);
  return !new RegExp(`(?<![\\w$.])(?:${names.join('|')})(?![\\w$])`).test(
    ctx.source.slice(stmt.start, stmt.end),
  );
}
