// swallowed-error: a per-item catch in a job whose handlers read their event only to log it
// (`console.log('Event:', JSON.stringify(event))`). Such a run selects its own work, by a query or a status,
// exactly as a handler that ignores its event does: an item whose step failed and was only logged keeps the
// status the run selected it by, and the next run selects it again. Only the per-item catch is read so: a
// catch around the whole run, or one that deletes what would bring the work back, still is reported
// (bestEffortCatch.ts), and a handler typed as answering a request is no job (a user waits on it). Nor is a
// catch whose function answers something after the try (`return { ...book, author: null }`): that answer
// is a stand-in for the item's result, which the run goes on with as if it were real.
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { selectsOwnWork } from './catchExemptions.js';
import type { DropShape } from './catchShapes.js';
import { perItem } from './jobItems.js';

/**
 * The try gives up on one item of a collection (jobItems.ts) in a module whose handlers read their event
 * only in log lines and are not typed as answering a request: the catch is judged as one in a job that
 * ignores its event.
 *
 * @example
 * // exports.handler = async (event) => { console.log(event); for (const job of await pending()) { try { ... } catch (e) { log(e) } } }
 * itemOfLoggedEventJob(ctx, tryStatement) // -> true
 */
export function itemOfLoggedEventJob(ctx: ModuleContext, tryStatement: Node): boolean {
  return (
    !selectsOwnWork(ctx) &&
    selectsOwnWork(ctx, true, true) &&
    perItem(ctx, tryStatement) &&
    !answersAfter(ctx, tryStatement)
  );
}

/** The try's function returns a value after the try: what the catch falls through to is an answer. */
function answersAfter(ctx: ModuleContext, tryStatement: Node): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  return someDescendant(
    fn?.body as Node | undefined,
    (r) => r.type === 'ReturnStatement' && r.start > tryStatement.end && r.argument != null,
    true,
  );
}

/**
 * A catch that answers one error class and only logs the others (`if (error.name === 'InvalidJobId') {
 * await markFailed(job) }`), when the try is the last statement of a per-item loop's body: what the other
 * errors fall through to is the next item, so it skips only its own item, as a log and `continue` does.
 */
export function fallsToNextItem(
  ctx: ModuleContext,
  tryStatement: Node,
  shape: DropShape | undefined,
): boolean {
  if (shape !== 'one-kind') return false;
  const block = ctx.parentOf(tryStatement);
  if (block?.type !== 'BlockStatement' || (block.body as Node[]).at(-1) !== tryStatement) return false;
  const loop = ctx.parentOf(block);
  return loop !== undefined && ITEM_LOOPS.has(loop.type) && loop.body === block;
}

/** Loops that go through items: the statement after the last of the body is the next item. */
const ITEM_LOOPS = new Set(['ForOfStatement', 'ForInStatement', 'ForStatement']);
