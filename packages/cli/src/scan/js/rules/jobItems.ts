// Catches that give up on one item of a collection: inside a loop over items, or in a callback run once per
// item (`items.map(async (item) => ...)`, a project's `traverse(items, async (item) => ...)`). In a job that
// selects its own work each run, the item a catch skipped is still where the run found it.
import { calleeName, isFunction, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { retriedPerItem } from './retryFanOut.js';

/** A helper named for running a callback over items: `flatTraverse`, `mapLimit`, `asyncForEach`, `pMap`. */
const ITEM_RUNNER = /map|each|traverse/i;

/**
 * Does the try run once per item of a collection: in a loop over items or a per-item array callback
 * (retryFanOut.ts), or in a callback handed, beside the collection, to a helper named for running it over
 * items (`flatTraverse(functions, async (fn) => { try { ... } catch { log } })`)?
 *
 * @example
 * perItem(ctx, tryStatement) // sessions.map(async (s) => { try { await get(s) } catch (e) { log(e) } }) -> true
 */
export function perItem(ctx: ModuleContext, tryStatement: Node): boolean {
  if (retriedPerItem(ctx, tryStatement)) return true;
  for (let n = ctx.parentOf(tryStatement); n !== undefined; n = ctx.parentOf(n)) {
    if (!isFunction(n)) continue;
    const call = ctx.parentOf(n);
    if (call?.type !== 'CallExpression') return false;
    const args = call.arguments as Node[];
    return args.length > 1 && args.indexOf(n) > 0 && ITEM_RUNNER.test(calleeName(call) ?? '');
  }
  return false;
}
