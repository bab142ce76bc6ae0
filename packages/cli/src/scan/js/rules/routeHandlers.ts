// Whether code runs inside an HTTP route handler of Express and its kin (`async (req, res) => ...`,
// answering through `res`). Such a handler is registered by reference (`router.post('/x', ctrl.create)`)
// and called per request by the framework, so no importer's call shows it on a handler's path. Only a
// module that itself wraps its app in a Lambda adapter (serverless-http and the like) and never starts a
// server of its own (`.listen(`) is taken to run inside a Lambda: the same route on a long-running server
// (ECS, Docker, a VM) may leave work running after it answers. Route modules registered from another
// module are not judged until the adapter's app can be followed to them (review r47, item 1).
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersRoute, nextParam, responseParam } from './routeAnswer.js';

/** The documented Lambda adapters of a whole web app (../../webAppAdapter.ts, ../mountedRoutes.ts). */
const ADAPTER =
  /(?:from\s*|require\(\s*)['"`](?:@vendia\/serverless-express|@codegenie\/serverless-express|aws-serverless-express|serverless-http|@h4ad\/serverless-adapter)['"`]/;

/** Per module: does it wrap its app in a Lambda adapter and never listen on a port itself? */
const SERVED = new WeakMap<ModuleContext, boolean>();

function servedByLambda(ctx: ModuleContext): boolean {
  let served = SERVED.get(ctx);
  if (served === undefined) {
    served = ADAPTER.test(ctx.source) && !/\.listen\(/.test(ctx.source);
    SERVED.set(ctx, served);
  }
  return served;
}

/**
 * Is `stmt` work started by a route handler `(req, res[, next])` that answers through `res`, apart from
 * its answer, in a module that serves its app through a Lambda adapter and never calls `.listen(`? Only the nearest function counts: a callback inside the route (a stream's listener, a
 * timer) runs on its own schedule. A statement that answers through `res` or hands on to `next`
 * (`find().then((x) => res.json(x)).catch(next)`, answersRoute) carries the answer itself: serverless-http
 * and its kin resolve the invocation only when the response ends, so that chain is waited for. A statement
 * that merely reads `res` (`sendMail(res.locals.user.email)`) is judged.
 *
 * @example routeWork(ctx, stmt) // `sendOtp(email);` in `app.post('/x', async (req, res) => { ... })` beside `serverless(app)` -> true
 */
export function routeWork(ctx: ModuleContext, stmt: Node): boolean {
  if (!servedByLambda(ctx)) return false;
  const fn = ctx.enclosingFunction(stmt);
  const res = fn === undefined ? undefined : responseParam(ctx, fn);
  if (fn === undefined || res === undefined) return false;
  return !answersRoute(ctx, stmt, res, nextParam(fn));
}
