// swallowed-error: `catch { continue }` with nothing else, around a call to another system in a loop. It is
// the empty catch of a loop: the failure leaves no trace, and the item passes for one that held nothing. In
// a loop that searches for a match and returns it (`for (const key of keys) { try { const meta = await
// s3.get(key); if (meta.id === id) return meta } catch { continue } } return null`) a throttle on the right
// item turns into "not found". A job that selects its own work each run is left alone, as a logged skip is
// there: the next run finds the item again (catchExemptions.ts selectsOwnWork).
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { selectsOwnWork } from './catchExemptions.js';
import { doesIo, hasComment } from './catchFacts.js';
import { losesWork } from './cleanupAfterWork.js';
import type { Report } from './Report.js';

/**
 * Reports the catch when its only statement is an unlabelled `continue`, with no comment, around I/O that
 * loses work, outside a job that selects its own work. True when the catch is such a `continue` (judged here).
 *
 * @example
 * bareContinue(ctx, handler, statements, report) // reports `} catch { continue; }` around `await s3.send(get)`
 */
export function bareContinue(
  ctx: ModuleContext,
  handler: Node,
  statements: readonly Node[],
  report: Report,
): boolean {
  const only = statements.length === 1 ? statements[0] : undefined;
  if (only?.type !== 'ContinueStatement' || only.label != null) return false;
  const tryStatement = ctx.parentOf(handler) as Node;
  const body = handler.body as Node;
  if (
    !hasComment(ctx, ctx.comments, body) &&
    doesIo(ctx, tryStatement.block as Node) &&
    losesWork(ctx, tryStatement) &&
    !(ctx.handlerKindAt(handler) !== undefined && selectsOwnWork(ctx))
  )
    report(
      'swallowed-error',
      handler,
      'catch only continues the loop: the error disappears, and the failed item passes for one that held nothing (a search answers "not found")',
    );
  return true;
}
