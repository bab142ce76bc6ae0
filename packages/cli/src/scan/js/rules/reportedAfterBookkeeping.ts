// swallowed-error: error bookkeeping inside a catch that still reports the failure. A catch that records the
// failure it caught (marks a sync row ERROR, writes an error note) may guard that write with a try of its
// own that only logs: when the enclosing catch then reports the original failure anyway (rethrows it, puts
// the record in batchItemFailures or in a list the handler answers or throws on), the failure still reaches
// the caller or the queue; only the note about it is lost. The enclosing catch is judged on its own; the inner one is not a swallowed
// failure. An enclosing catch that only logs and goes on keeps the inner finding.
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersOriginalError, throwsAfter } from './catchAfter.js';
import { handsOnFailure } from './handsOnFailure.js';

/**
 * The catch guards error bookkeeping inside an enclosing catch that reports the failure regardless: its try
 * sits directly in the enclosing catch's body, reads the caught error (it records that failure), and the
 * catch reports the failure: it throws or answers after the try (throwsAfter, answersOriginalError), or a
 * statement of its body hands the failure on (handsOnFailure: a list that reaches the answer or a throw, a
 * callback). Only top-level statements count: a report under a condition may not run.
 * @example
 * // catch (error) { try { await markFailed(id, error.message) } catch (e) { log(e) } batchItemFailures.push(id) }
 * failureStillReported(ctx, innerCatch) // -> true
 */
export function failureStillReported(ctx: ModuleContext, handler: Node): boolean {
  const tryStatement = ctx.parentOf(handler);
  const body = tryStatement === undefined ? undefined : ctx.parentOf(tryStatement);
  const outer = body === undefined ? undefined : ctx.parentOf(body);
  if (tryStatement === undefined || body?.type !== 'BlockStatement' || outer?.type !== 'CatchClause')
    return false;
  const caught = outer.param?.type === 'Identifier' ? (outer.param.name as string) : undefined;
  if (caught === undefined) return false;
  const recordsCaught = someDescendant(
    tryStatement.block as Node,
    (n) => n.type === 'Identifier' && n.name === caught,
    true,
  );
  if (!recordsCaught) return false;
  return (
    throwsAfter(ctx, tryStatement) ||
    answersOriginalError(ctx, tryStatement) ||
    handsOnFailure(ctx, tryStatement, caught)
  );
}
