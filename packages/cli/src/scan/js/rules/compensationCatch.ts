// swallowed-error: a route handler's catch around a compensation (a refund, a rollback, a credit handed
// back) that only logs. A compensation runs because earlier work must be undone; when it fails and the
// failure is only logged, the request goes on (or answers its own error) as if it had been undone: the
// money or credit is lost, nothing records the failure on the record it belongs to, and nothing retries
// it. Unlike a best-effort side call (a notification, a PDF snapshot), nobody can notice the loss later.
// A catch that records the failure (sets a status, counts it, answers it) is no longer log-only and is
// left to the other catch rules.

import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import type { Report } from './Report.js';
import { answersRoute, nextParam } from './routeAnswer.js';

/**
 * Call names that undo earlier work: `refundCredit`, `refundOrderPayment`, `rollbackReservation`. Not
 * `undo`/`revert`: they name a route's own main work as often (`undoLike` in an unlike route).
 */
const COMPENSATION = /^(?:refund|rollback|rollBack|compensate|reimburse)(?:[A-Z_]|$)/;

/**
 * A method named just `rollback()` is a database transaction's (`t.rollback()`, `queryRunner.rollbackTransaction()`
 * is not matched at all): when it fails, the database discards the uncommitted work, so nothing stays done.
 */
const TRANSACTION_ROLLBACK = /^roll[bB]ack$/;

/** The first awaited call in `block` (outside nested functions) whose name says it undoes earlier work. */
function awaitedCompensation(block: Node): string | undefined {
  let found: string | undefined;
  someDescendant(
    block,
    (n) => {
      if (n.type !== 'AwaitExpression') return false;
      const call = unwrap(n.argument as Node);
      const name = call?.type === 'CallExpression' ? calleeName(call) : undefined;
      const method = unwrap(call?.callee as Node | undefined)?.type === 'MemberExpression';
      if (name !== undefined && COMPENSATION.test(name) && !(method && TRANSACTION_ROLLBACK.test(name)))
        found = name;
      return found !== undefined;
    },
    true,
  );
  return found;
}

/**
 * Reports `handler` (a CatchClause inside the route handler whose response parameter is `res`) when its
 * try awaits a compensation and the catch only logs, without touching the response. Answers whether it
 * reported, so the caller's generic route-catch check does not judge the same catch again.
 *
 * @example
 * // in `async (req, res) => { ... try { await refundCredit(id) } catch (e) { console.error(e) } ... }`
 * lostCompensation(ctx, catchClause, 'res', report) // true: reported
 */
export function lostCompensation(ctx: ModuleContext, handler: Node, res: string, report: Report): boolean {
  const statements = (handler.body as Node).body as Node[];
  if (statements.length === 0 || !statements.every((s) => isObservation(s))) return false;
  const body = handler.body as Node;
  const tryStatement = ctx.parentOf(handler) as Node;
  const block = tryStatement.block as Node;
  // A catch that answers through the response, or hands the error to `next`, tells the client; a try that
  // answers itself is the route's main work, not a compensation: the generic route check judges both.
  if (answersRoute(ctx, body, res, nextParam(ctx.enclosingFunction(handler)))) return false;
  if (answersRoute(ctx, block, res)) return false;
  const name = awaitedCompensation(block);
  if (name === undefined) return false;
  report(
    'swallowed-error',
    handler,
    `catch around ${name}(...) only logs and the request goes on: the work it was to undo stays done (a refund or credit is never returned), nothing records the failure and nothing retries it`,
  );
  return true;
}
