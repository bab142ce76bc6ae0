// A retry written as recursion on the answer rather than in a catch: the function checks what a request
// answered (a 429, a throttling code), waits, and calls itself again (`if (res.status === 429 && attempt <
// MAX) { await sleep(BASE * 2 ** attempt); return get(url, attempt + 1) }`). fetch resolves on a 429 or a
// 5xx, so such a retry never reaches a catch; it is judged like the catch form (retryRecursion.ts).
import { isFunction, type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { delaysIn, jittered } from './loopDelays.js';
import type { RetrySite } from './retryLibraries.js';
import { callsSelf, countsAttempts, sameArguments, selfName } from './retryRecursion.js';

/** A test that reads a failed answer: a throttling or server-error status, a rate-limit or error code. */
const FAILED_ANSWER = /\b(429|50[0-4])\b|throttl|rate.?limit|too.?many|retryable|\.error\b|\.ok\b/i;

/** The `if` (within `fn`) whose consequent holds `node`, if any. */
function guardingIf(ctx: ModuleContext, node: Node, fn: Node): Node | undefined {
  let child = node;
  for (let n = ctx.parentOf(node); n !== undefined && n !== fn; child = n, n = ctx.parentOf(n)) {
    if (n.type === 'CatchClause' || isFunction(n)) return undefined; // a catch's retry is recursionSite's
    if (n.type === 'IfStatement' && n.consequent === child) return n;
  }
  return undefined;
}

/**
 * Each call by which a function calls itself again after waiting, under a test of a failed answer, once
 * the function has awaited something before that test (the request whose answer it reads).
 * @example
 * answerRecursionSites(ctx) // the `return metaFetch(url, options, attempt + 1)` after `await sleep(delay)`
 */
export function answerRecursionSites(ctx: ModuleContext): RetrySite[] {
  const sites: RetrySite[] = [];
  for (const again of ctx.of('CallExpression')) {
    const fn = ctx.enclosingFunction(again);
    const self = fn === undefined ? undefined : selfName(ctx, fn);
    if (fn === undefined || self === undefined || !callsSelf(again, self)) continue;
    const guard = guardingIf(ctx, again, fn);
    if (guard === undefined) continue;
    const test = guard.test as Node;
    if (!FAILED_ANSWER.test(ctx.source.slice(test.start, test.end))) continue;
    const awaitedBefore = someDescendant(
      fn.body as Node,
      (n) => n.type === 'AwaitExpression' && n.end <= guard.start,
      true,
    );
    const delays = delaysIn(ctx, guard.consequent as Node);
    if (!awaitedBefore || delays.length === 0) continue;
    sites.push({
      node: again,
      label: 'recursive retry',
      ...(sameArguments(fn, again) && !countsAttempts(ctx, fn)
        ? {
            unbounded: 'recursive retry with no attempt limit: it calls itself again with the same arguments',
          }
        : {}),
      ...(delays.some((d) => jittered(ctx, d))
        ? {}
        : { noJitter: 'recursive retry waits a fixed or purely exponential delay, no jitter' }),
    });
  }
  return sites;
}
