// swallowed-error: a callback-style Lambda handler that hands an error over as its result
// (`callback(null, error)`): the invocation succeeds, so the record, message or event counts as processed.
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { handlerParam } from './callbackAnswer.js';
import type { Report } from './Report.js';

const ERROR_NAME = /^(e|ex)$|err|exception/i;

/**
 * `callback` is the third parameter of an entry handler of this module.
 * @example
 * isHandlerCallback(ctx, callee) // `callback` in `export const handler = (event, context, callback) => ...`
 */
export function isHandlerCallback(ctx: ModuleContext, callee: Node): boolean {
  return handlerParam(ctx, callee, 2);
}

/** A caught error (`catch (error)`) or an error-first callback's error (`(err, data) => ...`). */
function isCaughtError(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'Identifier') return false;
  const b = ctx.resolve(n.name as string, n);
  if (b === undefined) return false;
  if (b.scope.type === 'CatchClause') return true;
  return (
    b.kind === 'param' &&
    isFunction(b.scope) &&
    (b.scope.params as Node[])[0] === b.declaration &&
    ERROR_NAME.test(n.name as string)
  );
}

const isNoError = (node: Node | undefined): boolean => {
  const n = unwrap(node);
  return (n?.type === 'Literal' && n.value === null) || (n?.type === 'Identifier' && n.name === 'undefined');
};

export function callbackResultRule(ctx: ModuleContext, report: Report): void {
  if (ctx.handlers.size === 0) return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee === undefined || call.arguments.length < 2) continue;
    if (!isNoError(call.arguments[0]) || !isCaughtError(ctx, call.arguments[1])) continue;
    if (!isHandlerCallback(ctx, callee)) continue;
    report(
      'swallowed-error',
      call,
      'the handler passes the error as its result (callback(null, error)): the invocation succeeds and the work is lost',
    );
  }
}
