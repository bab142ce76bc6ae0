// Whether a call given an error-first callback reaches another system, so that the error its callback gets
// is a remote failure: an aws-sdk v2 request, an HTTP request (the request family's callback form), or a
// function of the project (a callback-era helper, `eventHandler.sendEvent(options, cb)`, whose callback is
// where its request's failure arrives). A local API's callback (`zlib.gunzip`, `fs.readFile`) is not one.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { doesIo } from './catchFacts.js';
import { classifyHttpCall } from './http.js';
import { sdkCallWithCallback } from './sdkCallbackAnswers.js';

/**
 * The expression is made from a project module: its root name is imported from one, or bound to a value
 * built from one (`const events = eventsModule(id)` with `eventsModule = require('./events')`).
 */
function fromProject(ctx: ModuleContext, node: Node | undefined, depth = 0): boolean {
  const n = unwrap(node);
  if (n === undefined || depth > 4) return false;
  if (n.type === 'MemberExpression') return fromProject(ctx, n.object as Node, depth + 1);
  if (n.type === 'CallExpression' || n.type === 'NewExpression')
    return fromProject(ctx, n.callee as Node, depth + 1);
  if (n.type !== 'Identifier') return false;
  const imp = ctx.importOf(n.name as string, n);
  if (imp !== undefined) return isProjectSource(imp.source);
  const bound = ctx.resolve(n.name as string, n);
  if (bound === undefined || bound.kind === 'param' || bound.kind === 'function' || bound.kind === 'class')
    return false;
  return fromProject(ctx, bound.init, depth + 1);
}

/**
 * A function of the module that does I/O itself: an awaited call, or an HTTP request or aws-sdk v2 request
 * anywhere in its body, the executor of the `new Promise` a callback-era helper wraps them in included.
 */
function localRemote(ctx: ModuleContext, callee: Node): boolean {
  const fn = ctx.functionOf(callee);
  if (!isFunction(fn)) return false;
  const body = (fn as Node).body as Node;
  return (
    doesIo(ctx, body) ||
    someDescendant(
      body,
      (n) =>
        n.type === 'CallExpression' &&
        (classifyHttpCall(ctx, n) !== undefined || sdkCallWithCallback(ctx, n) !== undefined),
    )
  );
}

/**
 * The call reaches another system, whose failure its error-first callback is handed.
 *
 * @example
 * remoteCallbackCall(ctx, call) // cognito.getUser(params, (err, data) => ...) -> true; zlib.gunzip(buf, cb) -> false
 */
export function remoteCallbackCall(ctx: ModuleContext, call: Node): boolean {
  if (sdkCallWithCallback(ctx, call) !== undefined || classifyHttpCall(ctx, call) !== undefined) return true;
  const callee = unwrap(call.callee);
  if (callee === undefined) return false;
  return fromProject(ctx, callee) || (callee.type === 'Identifier' && localRemote(ctx, callee));
}
