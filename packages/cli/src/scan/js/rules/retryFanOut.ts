// no-circuit-breaker is reported only where a retry multiplies load by more than its own attempts: a retry
// run once per item of a collection (a loop over items, a `.map`/`.forEach` callback). During an outage each
// item pays the whole retry schedule against a dependency that is down (items x attempts calls, items x the
// backoff), where a breaker fails the rest fast after the first few failures. A retry of one call per request
// or per message multiplies its load by its attempts at most: what reviewers ask of it is bounded, jittered
// attempts (retry-unbounded, retry-no-jitter), not a breaker (round 11 of eval/RESULTS.md: no reviewer asked
// for one in thirty public repositories).
import { calleeName, contains, isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const ITEM_LOOPS = new Set(['ForOfStatement', 'ForInStatement', 'ForStatement']);
/** Array methods that call their callback once per item. */
const PER_ITEM = /^(map|flatMap|forEach|filter|reduce|some|every)$/;

/** A function handed to `items.map(...)` (or another per-item array method) as its callback. */
function itemCallback(ctx: ModuleContext, fn: Node): boolean {
  const parent = ctx.parentOf(fn);
  if (parent?.type !== 'CallExpression' || !(parent.arguments as Node[]).includes(fn)) return false;
  const callee = unwrap(parent.callee);
  return callee?.type === 'MemberExpression' && PER_ITEM.test(calleeName(parent) ?? '');
}

/**
 * Is the retry at `site` (a library call or a hand-written retry loop) run once per item: inside an outer
 * loop over items, or in a per-item callback, within its function or the callbacks around it?
 *
 * @example
 * retriedPerItem(ctx, pRetryCall) // for (const id of ids) await pRetry(() => fetchUser(id)) -> true
 */
export function retriedPerItem(ctx: ModuleContext, site: Node): boolean {
  for (let n = ctx.parentOf(site); n !== undefined; n = ctx.parentOf(n)) {
    if (ITEM_LOOPS.has(n.type) && n.body !== undefined && contains(n.body as Node, site)) return true;
    if (!isFunction(n)) continue;
    if (itemCallback(ctx, n)) return true;
    // A callback handed to something else (`backOff(() => ...)`, `execute(async () => ...)`) runs where
    // it is handed: keep looking outward. A declared function or method ends the search.
    const parent = ctx.parentOf(n);
    if (parent?.type !== 'CallExpression') return false;
  }
  return false;
}
