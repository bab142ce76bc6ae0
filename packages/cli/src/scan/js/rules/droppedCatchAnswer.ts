// swallowed-error: a `.catch` whose handler answers the failure as a result object (`createResponse(409,
// ...)`, `{ success: false }`), on a chain awaited as a statement (`await db.put(item).catch((e) =>
// createResponse(502, 'Internal Server Error'));`). The answer was built for a caller, but the statement
// drops it: the promise resolves, the code goes on as if the write had succeeded, and the failure is lost.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { offServicePath } from '../offServicePath.js';
import { builtFailureAnswer } from './builtFailureAnswer.js';
import { failureObject } from './failureResult.js';
import type { Report } from './Report.js';

/** The `.catch(...)` call is a statement of its own, awaited or not: nothing reads the chain's answer. */
function dropped(ctx: ModuleContext, call: Node): boolean {
  const through = (p: Node) =>
    p.type === 'ParenthesizedExpression' || p.type === 'AwaitExpression' || p.type === 'TSAsExpression';
  return ctx.climb(call, through).parent?.type === 'ExpressionStatement';
}

/**
 * Reports a dropped `.catch` that answers a failure object. True when reported.
 *
 * @example
 * droppedCatchAnswer(ctx, call, report) // await db.put(p).catch((e) => createResponse(502, 'failed')); -> true
 */
export function droppedCatchAnswer(ctx: ModuleContext, call: Node, report: Report): boolean {
  if (calleeName(call) !== 'catch' || (call.arguments as Node[]).length !== 1) return false;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression' || unwrap(callee.object as Node)?.type !== 'CallExpression')
    return false;
  const fn = ctx.valueOf((call.arguments as Node[])[0]);
  if (fn === undefined || !isFunction(fn) || !dropped(ctx, call) || offServicePath(ctx)) return false;
  const body = fn.body as Node;
  if (someDescendant(body, (n) => n.type === 'ThrowStatement', true)) return false;
  if (!builtFailureAnswer(body, (v) => failureObject(v))) return false;
  report(
    'swallowed-error',
    (callee.property as Node | undefined) ?? call,
    ".catch() answers the failure as a result object, but the statement drops the chain's answer: the promise resolves, the code goes on as if the call had succeeded, and the failure is lost",
  );
  return true;
}
