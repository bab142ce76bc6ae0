// swallowed-error for a catch that hands the error to an async helper that throws it (`handleError(msg)`,
// declared `async function handleError(m): Promise<never> { log(m); throw new Error(m) }`) without `await`
// or `return`: the helper's throw becomes a rejected promise nobody waits on, and the code after the catch
// runs as if the call had succeeded.
import { isFunction, type Node, returnsPromise, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { doesIo, isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

/** A module-local async function whose own body ends in a throw: it always rejects. */
function alwaysRejects(ctx: ModuleContext, callee: Node | undefined): Node | undefined {
  const fn = ctx.functionOf(callee);
  if (fn === undefined || !isFunction(fn) || !returnsPromise(fn)) return undefined;
  const body = fn.body as Node;
  const last = body.type === 'BlockStatement' ? (body.body as Node[]).at(-1) : undefined;
  return last?.type === 'ThrowStatement' ? fn : undefined;
}

/**
 * The call of such a helper in a catch whose other statements only observe the error, or undefined.
 */
function unawaitedRethrow(ctx: ModuleContext, handler: Node): Node | undefined {
  const statements = (handler.body as Node).body as Node[];
  let found: Node | undefined;
  for (const statement of statements) {
    if (isObservation(statement)) continue;
    const call = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
    if (call?.type !== 'CallExpression' || alwaysRejects(ctx, call.callee as Node) === undefined)
      return undefined;
    found = call;
  }
  return found;
}

/**
 * Reports a catch around I/O whose only act is such an unawaited call, on a handler's path (or in a helper
 * a handler reaches); true when the catch was of this shape, judged here.
 *
 * @example
 * unawaitedRethrowRule(ctx, catchClause, report) // `catch (e) { handleError(`failed: ${e}`) }` -> reported, true
 */
export function unawaitedRethrowRule(ctx: ModuleContext, handler: Node, report: Report): boolean {
  const rethrow = unawaitedRethrow(ctx, handler);
  const tryStatement = ctx.parentOf(handler) as Node;
  if (rethrow === undefined || !doesIo(ctx, tryStatement.block as Node)) return false;
  const message =
    'catch hands the error to an async helper that throws it, without await or return: the rejection is left unhandled and the code after the catch runs as if the call had succeeded';
  if (ctx.handlerKindAt(handler) !== undefined) {
    report('swallowed-error', handler, message);
    return true;
  }
  const exported = exportsReaching(ctx, handler, true);
  if (exported.length > 0)
    report('swallowed-error', handler, `${message}, in a function a Lambda handler calls`, {
      onlyIfExportOnHandlerPath: exported,
      onlyIfEventCaller: sharedRequest(ctx, handler),
    });
  return true;
}
