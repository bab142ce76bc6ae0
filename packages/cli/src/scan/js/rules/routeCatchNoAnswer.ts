// swallowed-error: a catch in an HTTP route handler (`async (req, res) => ...`, Express's and its kin's
// shape) that only logs. The handler answers through `res`, so a catch that neither answers, hands the error
// to `next`, nor rethrows leaves the request either unanswered (the catch returns, or nothing after it
// answers: the client waits for its timeout) or answered by the code after the try as if the work had
// succeeded (`res.status(200).send(...)`). Returning the error from the catch answers nobody: the framework
// does not read a route handler's result.

import { forEachDescendant, isFunction, type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import { lostCompensation } from './compensationCatch.js';
import type { Report } from './Report.js';
import { answerStart, answersRoute, nextParam, responseParam } from './routeAnswer.js';

/** The catch's statements only observe (log, count, a bare `Promise.reject(...)`), or return what it caught or nothing. */
function onlyObserves(statements: Node[], param: string | undefined): boolean {
  return (
    statements.length > 0 &&
    statements.every(
      (s) =>
        isObservation(s) ||
        (s.type === 'ReturnStatement' &&
          (s.argument == null || (s.argument as Node).type === 'Identifier') &&
          (s.argument == null || (s.argument as Node).name === param)),
    )
  );
}

/**
 * What the code after the try does for a failure the catch did not stop: its first answer through `res` is
 * made unconditionally (`'success'`: the success answer), or nothing after it answers (`'unanswered'`: the
 * request waits). An answer under a test after the try may be the failure's own (`if (!balance) return
 * res.status(502)...`), and a try nested in other code is not followed, so those give undefined.
 */
function answerAfter(
  ctx: ModuleContext,
  fn: Node,
  tryStatement: Node,
  res: string,
): 'success' | 'unanswered' | undefined {
  if (ctx.parentOf(tryStatement) !== fn.body) return undefined;
  const statements = (fn.body as Node).body as Node[];
  const rest = statements.slice(statements.indexOf(tryStatement) + 1);
  for (const s of rest) {
    if (answerStart(ctx, s, res) === -1) continue;
    return s.type === 'ExpressionStatement' || s.type === 'ReturnStatement' ? 'success' : undefined;
  }
  return 'unanswered';
}

/** Where `block` first awaits (a nested callback's await too), as a source offset, or -1. */
function firstAwait(block: Node): number {
  let first = -1;
  forEachDescendant(block, (n) => {
    if (n.type === 'AwaitExpression' && (first === -1 || n.start < first)) first = n.start;
    return true;
  });
  return first;
}

/**
 * Reports a route handler's catch that only logs (see above). Answers whether it reported.
 *
 * @example
 * routeCatchNoAnswer(ctx, handler, report) // `catch (err) { logger.log(err); return err; }` in `_list(req, res)`
 */
export function routeCatchNoAnswer(ctx: ModuleContext, handler: Node, report: Report): boolean {
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined || !isFunction(fn)) return false;
  const res = responseParam(ctx, fn);
  if (res === undefined) return false;
  // A refund or rollback that fails and is only logged, wherever it sits in the route (compensationCatch.ts).
  if (lostCompensation(ctx, handler, res, report)) return true;
  const tryStatement = ctx.parentOf(handler) as Node;
  const block = tryStatement.block as Node;
  // Work that can fail on another system: something awaited before the try's own answer, if any.
  const answered = answerStart(ctx, block, res);
  const awaited = firstAwait(block);
  if (awaited === -1 || (answered !== -1 && answered < awaited)) return false;
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  const statements = (handler.body as Node).body as Node[];
  if (!onlyObserves(statements, param)) return false;
  if (answersRoute(ctx, handler.body as Node, res, nextParam(fn))) return false;
  const returns = statements.some((s) => s.type === 'ReturnStatement');
  if (someDescendant(handler.body as Node, (n) => n.type === 'ThrowStatement', true)) return false;
  const after = returns ? undefined : answerAfter(ctx, fn, tryStatement, res);
  if (!returns && after === undefined) return false;
  report(
    'swallowed-error',
    handler,
    returns
      ? 'catch in a route handler only logs and returns: the request is never answered (the framework does not read the return value), so the client waits for its timeout and the failure shows nowhere'
      : after === 'success'
        ? 'catch in a route handler only logs and the code after it answers as if the work had succeeded: the client is told it worked'
        : 'catch in a route handler only logs and nothing after it answers: the request is never answered, so the client waits for its timeout and the failure shows nowhere',
  );
  return true;
}
