// Catches that give up on one item of a collection: inside a loop over items, or in a callback run once per
// item (`items.map(async (item) => ...)`, a project's `traverse(items, async (item) => ...)`). In a job that
// selects its own work each run, the item a catch skipped is still where the run found it.
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import { isExported } from '../isExported.js';
import type { ModuleContext } from '../ModuleContext.js';
import { retriedPerItem } from './retryFanOut.js';

/** A helper named for running a callback over items: `flatTraverse`, `mapLimit`, `asyncForEach`, `pMap`. */
const ITEM_RUNNER = /map|each|traverse/i;

/** Module-local calls followed up towards the loop that makes them once per item. */
const DEPTH = 3;

/**
 * Does the try run once per item of a collection: in a loop over items or a per-item array callback
 * (retryFanOut.ts), or in a callback handed, beside the collection, to a helper named for running it over
 * items (`flatTraverse(functions, async (fn) => { try { ... } catch { log } })`)? Also when it sits in a
 * function of the module, not exported, that is only called so, directly or through such functions
 * (`for (const tx of txs) { try { await voidTx(tx) } catch (e) { await markBlocked(tx, e) } }`).
 *
 * @example
 * perItem(ctx, tryStatement) // sessions.map(async (s) => { try { await get(s) } catch (e) { log(e) } }) -> true
 */
export function perItem(ctx: ModuleContext, site: Node, depth = 0): boolean {
  if (retriedPerItem(ctx, site) || itemRunnerCallback(ctx, site)) return true;
  if (depth >= DEPTH) return false;
  const fn = ctx.enclosingFunction(site);
  const name = fn === undefined || isExported(ctx, fn) ? undefined : functionName(ctx, fn);
  if (name === undefined) return false;
  const calls = ctx.of('CallExpression').filter((c) => {
    const callee = unwrap(c.callee);
    return callee?.type === 'Identifier' && callee.name === name;
  });
  return calls.length > 0 && calls.every((c) => perItem(ctx, c, depth + 1));
}

/** The site's nearest function is a callback handed, after the collection, to `traverse`, `mapLimit`... */
function itemRunnerCallback(ctx: ModuleContext, site: Node): boolean {
  for (let n = ctx.parentOf(site); n !== undefined; n = ctx.parentOf(n)) {
    if (!isFunction(n)) continue;
    const call = ctx.parentOf(n);
    if (call?.type !== 'CallExpression') return false;
    const args = call.arguments as Node[];
    return args.length > 1 && args.indexOf(n) > 0 && ITEM_RUNNER.test(calleeName(call) ?? '');
  }
  return false;
}

/** `function name() {}` or `const name = async () => {}`. */
function functionName(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.id?.type === 'Identifier') return fn.id.name as string;
  const parent = ctx.parentOf(fn);
  return parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier'
    ? (parent.id.name as string)
    : undefined;
}
