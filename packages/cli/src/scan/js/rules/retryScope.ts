// no-circuit-breaker is about retries that multiply load on a dependency that is down. Two kinds of retry
// never do that, and reviewers do not put a breaker on them:
// - a retry of a lost race (optimistic concurrency: a version conflict, a failed conditional write), which
//   goes round only when another writer got there first;
// - a retry of rate limiting only (throttling, 429, SlowDown), whose answer is backoff, not a breaker.
// A loop or a retry predicate that goes round for any other error keeps the finding.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Names of a lost race or of rate limiting, as error classes, codes and statuses spell them. */
const NARROW =
  /throttl|TooManyRequests|\b429\b|SlowDown|RateExceeded|RequestLimitExceeded|Conflict|Concurren|ConditionalCheckFailed|TransactionCanceled|OptimisticLock|VersionMismatch|StaleVersion/i;

/** A predicate that also names an outage (a 5xx, unavailability, a timeout, a reset) is not narrow. */
const OUTAGE = /\b5\d\d\b|>=?\s*500|ServiceUnavailable|InternalServer|Timeout|ECONN|ETIMEDOUT|socket/i;

const exits = (s: Node | undefined) =>
  s?.type === 'ThrowStatement' || s?.type === 'ReturnStatement' || s?.type === 'BreakStatement';

/** The statement exits, or is a block that ends by exiting. */
const endsByExit = (s: Node | undefined): boolean =>
  exits(s) || (s?.type === 'BlockStatement' && exits((s.body as Node[]).at(-1)));

/**
 * A catch ending in `if (<lost race or throttling>) { ... } else { throw ... }`: it goes round (by falling
 * through to the next iteration) only for the narrow case and leaves the loop for every other error.
 */
function narrowFallThrough(ctx: ModuleContext, last: Node | undefined): boolean {
  return (
    last?.type === 'IfStatement' &&
    NARROW.test(ctx.source.slice(last.test.start, last.test.end)) &&
    endsByExit(last.alternate ?? undefined)
  );
}

/** Does `node` sit under an `if` (inside `stop`) whose test names a lost race or rate limiting? */
function underNarrowTest(ctx: ModuleContext, node: Node, stop: Node): boolean {
  for (
    let child = node, p = ctx.parentOf(node);
    p !== undefined && child !== stop;
    child = p, p = ctx.parentOf(p)
  )
    if (
      p.type === 'IfStatement' &&
      p.test !== child &&
      NARROW.test(ctx.source.slice(p.test.start, p.test.end))
    )
      return true;
  return false;
}

/**
 * A hand-written retry loop whose catches end in throw/return/break and go round (`continue`) only under an
 * `if` that names a conflict or throttling.
 *
 * @example
 * narrowRetryLoop(ctx, loop) // catch (e) { if (e instanceof ConcurrentModificationError) continue; return failed; } -> true
 */
export function narrowRetryLoop(ctx: ModuleContext, loop: Node): boolean {
  let catches = 0;
  const wide = someDescendant(
    loop.body,
    (n) => {
      if (n.type !== 'CatchClause') return false;
      catches++;
      const body = (n.body?.body ?? []) as Node[];
      if (!exits(body.at(-1)) && !narrowFallThrough(ctx, body.at(-1))) return true;
      return someDescendant(
        n.body,
        (m) => m.type === 'ContinueStatement' && !underNarrowTest(ctx, m, n),
        true,
      );
    },
    true,
  );
  return catches > 0 && !wide;
}

/** The option of a retry library that decides which errors are retried. */
const PREDICATE_OPTION = /^(retry|shouldRetry|retryCondition|retryIf|retryOn)$/;

/**
 * A library retry whose predicate names only a conflict or throttling and refuses the rest (its last
 * statement is `return false`, or its expression body is a test of those names).
 *
 * @example
 * narrowRetryPredicate(ctx, fn) // retry(e) { if (e.$retryable?.throttling) return true; return false; } -> true
 */
export function narrowRetryPredicate(ctx: ModuleContext, key: string, value: Node | undefined): boolean {
  if (!PREDICATE_OPTION.test(key)) return false;
  const fn = ctx.valueOf(value) ?? unwrap(value);
  if (fn === undefined || !isFunction(fn)) return false;
  const body = fn.body as Node;
  const text = ctx.source.slice(body.start, body.end);
  if (!NARROW.test(text) || OUTAGE.test(text)) return false;
  if (body.type !== 'BlockStatement') return true;
  const last = ((body.body ?? []) as Node[]).at(-1);
  return (
    last?.type === 'ReturnStatement' &&
    unwrap(last.argument)?.type === 'Literal' &&
    unwrap(last.argument)?.value === false
  );
}
