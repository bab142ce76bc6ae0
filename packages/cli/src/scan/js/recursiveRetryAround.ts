// A request made inside a function that retries itself by recursion (after a failed answer, or in its catch,
// after a wait: rules/retryAnswerRecursion.ts and rules/retryRecursion.ts) is retried: no-retry does not ask
// for another one. retry-no-jitter and retry-unbounded judge how that recursion retries.
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { answerRecursionSites } from './rules/retryAnswerRecursion.js';
import { recursionSite } from './rules/retryRecursion.js';

const memo = new WeakMap<ModuleContext, Set<Node>>();

/** The functions of the module that call themselves again as a retry. */
function retryingFunctions(ctx: ModuleContext): Set<Node> {
  let fns = memo.get(ctx);
  if (fns !== undefined) return fns;
  fns = new Set<Node>();
  const sites = [...answerRecursionSites(ctx)];
  for (const clause of ctx.of('CatchClause')) {
    const site = recursionSite(ctx, clause);
    if (site !== undefined) sites.push(site);
  }
  for (const site of sites) {
    const fn = ctx.enclosingFunction(site.node);
    if (fn !== undefined) fns.add(fn);
  }
  memo.set(ctx, fns);
  return fns;
}

/**
 * The request is made directly in a function that retries itself by calling itself again after a wait.
 * @example
 * recursiveRetryAround(ctx, fetchCall) // true for fetch() in metaFetch(url, options, attempt), which recurses on a 429
 */
export function recursiveRetryAround(ctx: ModuleContext, call: Node): boolean {
  const fn = ctx.enclosingFunction(call);
  return fn !== undefined && retryingFunctions(ctx).has(fn);
}
