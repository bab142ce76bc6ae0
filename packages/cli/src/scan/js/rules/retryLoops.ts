// Hand-written retry loops: `while (true) { try { ...; return } catch { await sleep(x) } }`, their bound,
// their delays and whether the delays are jittered.
import { isBooleanLiteral, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isRetryLoop } from '../retryLoop.js';
import { delayAnchor } from './delayAnchor.js';
import { gathersLeftovers, innermostLoop, readsLeftoversWithin, sentInLoop } from './gatheredResend.js';
import { delaysIn, jittered } from './loopDelays.js';
import { growingBound } from './retryGrowingBound.js';
import type { RetrySite } from './retryLibraries.js';

/** The delay expressions a retry loop waits on: `await sleep(x)`, `await new Promise(r => setTimeout(r, x))`. */
function loopDelays(ctx: ModuleContext, loop: Node): Node[] {
  return delaysIn(ctx, loop.body as Node);
}

/** A read of a batch API's leftovers: `result.UnprocessedItems`, `out.Failed`, `res.FailedEntryCount`. */
const LEFTOVERS =
  /\.\s*(UnprocessedItems|UnprocessedKeys|FailedEntryCount|FailedRecordCount|FailedPutCount|Failed)\b/;

/**
 * A loop with no try that resends a batch API's unprocessed or failed entries and sleeps between rounds
 * (`do { out = await send(batch); batch = out.UnprocessedItems; await sleep(2 ** n * 1000) } while (...)`):
 * a retry all the same, so its delay needs jitter. It answers throttling, so no breaker is asked for.
 */
export function resendSite(ctx: ModuleContext, loop: Node): RetrySite | undefined {
  if (isRetryLoop(loop) || !LEFTOVERS.test(ctx.source.slice(loop.start, loop.end))) return undefined;
  // Resending: the leftovers become what the next round of this loop sends (`pending =
  // out.UnprocessedItems...`). An inner loop that resends them is the retry, reported on its own; the loop
  // around it (one round per slice of keys) goes on to new keys. The assigned name must reach the batch
  // call again: a count (`failures += out.Failed.length`) or a list kept to hand back is no resend.
  const resends = someDescendant(
    loop.body,
    (n) =>
      n.type === 'AssignmentExpression' &&
      n.operator === '=' &&
      unwrap(n.left)?.type === 'Identifier' &&
      readsLeftoversWithin(ctx, n.right as Node, loop) &&
      innermostLoop(ctx, n) === loop &&
      sentInLoop(ctx, unwrap(n.left) as Node, loop),
    true,
  );
  // Or the failed entries are gathered into a fresh collection that the next round sends (gatheredResend.ts).
  if (!resends && !gathersLeftovers(ctx, loop)) return undefined;
  const delays = loopDelays(ctx, loop);
  // AWS asks that unprocessed items be retried with exponential backoff: a loop with no wait at all
  // re-sends at once, in lockstep with every caller throttled with it.
  const noJitter =
    delays.length === 0
      ? 'loop resends failed batch entries at once: no backoff and no jitter between rounds'
      : delays.some((d) => jittered(ctx, d))
        ? undefined
        : 'loop resends failed batch entries after a fixed or purely exponential delay, no jitter';
  // A loop that ends only when the leftovers are empty keeps resending for as long as they are refused.
  const unbounded = resendBounded(ctx, loop)
    ? undefined
    : 'loop resends failed batch entries until none are left, with no attempt limit';
  if (noJitter === undefined && unbounded === undefined) return undefined;
  const at = delayAnchor(ctx, loop, delays);
  return {
    node: loop,
    label: 'loop resending failed batch entries',
    ...(noJitter === undefined ? {} : { noJitter }),
    ...(noJitter === undefined || at === undefined ? {} : { noJitterAt: at }),
    ...(unbounded === undefined ? {} : { unbounded }),
    noBreaker: true,
  };
}

/** An attempt counter or a clock compared against a limit: `retries < 5`, `attempt >= MAX`, `Date.now() < deadline`. */
const ROUND_LIMIT =
  /\b\w*(attempt|tries|retries|retry|round|iteration)\w*\s*(<|>|===|!==)|(<|>)=?\s*\w*(attempt|tries|retries|retry|round|iteration)\w*\b|Date\.now\(\)|getRemainingTimeInMillis/i;

/** Does the resend loop stop after a number of rounds (a counter, a `for` with its own bound, a deadline)? */
function resendBounded(ctx: ModuleContext, loop: Node): boolean {
  if (ROUND_LIMIT.test(ctx.source.slice(loop.start, loop.end))) return true;
  // `for (let i = 0; i < 5; i++)`: the loop's own counter, whatever it is called.
  return loop.type === 'ForStatement' && loop.test != null && loop.update != null;
}

/** The retry a loop sets up, if `loop` is a retry loop. */
export function loopSite(ctx: ModuleContext, loop: Node): RetrySite | undefined {
  if (!isRetryLoop(loop)) return undefined;
  const delays = loopDelays(ctx, loop);
  const infinite =
    (loop.type === 'WhileStatement' && isBooleanLiteral(loop.test, true)) ||
    (loop.type === 'ForStatement' && loop.test == null) ||
    (loop.type === 'DoWhileStatement' && isBooleanLiteral(loop.test, true)) ||
    untilSuccess(ctx, loop);
  const escapes = someDescendant(
    loop.body,
    (n) => n.type === 'ThrowStatement' || n.type === 'BreakStatement' || n.type === 'ReturnStatement',
    true,
  );
  // A loop that only returns from the try block never gives up on failure; nor does one whose catch
  // gives up on some errors and goes round for the others (`if (e instanceof X) ...; else throw e`).
  const catchExits = !someDescendant(
    loop.body,
    (n) => n.type === 'CatchClause' && !alwaysExits(n.body as Node),
    true,
  );
  // A counter compared against a limit (`attempt >= 5`, `attempts > MAX`, `retryCount === max`).
  // A deadline bounds it as well: the loop goes round only while the invocation has time left
  // (`ctx.getRemainingTimeInMillis() > 60_000`) or before a clock limit (`Date.now() < deadline`).
  const loopText = ctx.source.slice(loop.start, loop.end);
  // A delay that grows every round and is compared against a limit bounds it too (retryGrowingBound.ts).
  const afterCatchExits =
    /\b(\w*(attempt|tries|retries|retry|count)\w*|n)\s*(>=|>|===)/i.test(loopText) ||
    DEADLINE.test(loopText) ||
    growingBound(loop);
  const withRandom = delays.some((d) => jittered(ctx, d));
  // Reported at the delay, where the jitter goes (delayAnchor.ts); at the loop when no one delay is in view.
  const anchor = delayAnchor(ctx, loop, delays) ?? loop;
  return {
    node: loop,
    label: 'hand-written retry loop',
    ...(infinite && (!escapes || (!catchExits && !afterCatchExits))
      ? { unbounded: 'retry loop with no attempt limit' }
      : {}),
    ...(delays.length > 0 && !withRandom
      ? { noJitter: 'retry loop sleeps a fixed or purely exponential delay, no jitter', noJitterAt: anchor }
      : {}),
    ...(delays.length === 0 && retriesAtOnce(ctx, loop)
      ? { noJitter: 'retry loop goes round again at once: no delay and no jitter between attempts' }
      : {}),
  };
}

/** A time budget compared in the loop: the remaining invocation time, or the clock against a limit. */
const DEADLINE =
  /getRemainingTimeInMillis\(\)\s*[<>]|[<>]=?\s*[\w$.]*getRemainingTimeInMillis\(\)|\bDate\.now\(\)\s*(-\s*[\w$.]+\s*)?[<>]|[<>]=?\s*Date\.now\(\)/;

/** Does every path through this statement end the loop (throw, return, break)? */
function alwaysExits(statement: Node | null | undefined): boolean {
  if (statement == null) return false;
  switch (statement.type) {
    case 'ThrowStatement':
    case 'ReturnStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement':
      return (statement.body as Node[]).some((s) => alwaysExits(s));
    case 'IfStatement':
      return alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    case 'TryStatement':
      return (
        alwaysExits(statement.block) && (statement.handler == null || alwaysExits(statement.handler.body))
      );
    default:
      return false;
  }
}

/**
 * `while (!written) { try { await put(); written = true; } catch (e) { ... } }`: a loop that ends only
 * when the tried work sets its flag, so for as long as it fails it goes round with no attempt limit.
 * The flag must be set only inside a try block (success), never in a catch (giving up).
 */
function untilSuccess(ctx: ModuleContext, loop: Node): boolean {
  if (loop.type !== 'WhileStatement' && loop.type !== 'DoWhileStatement') return false;
  const test = unwrap(loop.test);
  if (test?.type !== 'UnaryExpression' || test.operator !== '!') return false;
  const flag = unwrap(test.argument);
  if (flag?.type !== 'Identifier') return false;
  let inTry = false;
  let elsewhere = false;
  someDescendant(
    loop.body,
    (n) => {
      if (n.type !== 'AssignmentExpression' || unwrap(n.left)?.type !== 'Identifier') return false;
      if (unwrap(n.left)?.name !== flag.name) return false;
      let inBlock = false;
      for (let c: Node = n, p = ctx.parentOf(n); p !== undefined && c !== loop; c = p, p = ctx.parentOf(p)) {
        if (p.type === 'CatchClause') break;
        if (p.type === 'TryStatement' && p.block === c) {
          inBlock = true;
          break;
        }
      }
      if (inBlock && isBooleanLiteral(n.right, true)) inTry = true;
      else elsewhere = true;
      return false;
    },
    true,
  );
  return inTry && !elsewhere;
}

/**
 * A retry loop with no wait at all: some catch lets the loop go round (it does not end in throw, return
 * or break), and nothing outside the tried work is awaited (no sleep under another name).
 */
function retriesAtOnce(ctx: ModuleContext, loop: Node): boolean {
  const exits = (s: Node) =>
    s.type === 'ThrowStatement' || s.type === 'ReturnStatement' || s.type === 'BreakStatement';
  const goesRound = someDescendant(
    loop.body,
    (n) => n.type === 'CatchClause' && !((n.body?.body ?? []) as Node[]).some(exits),
    true,
  );
  if (!goesRound) return false;
  const insideTried = (n: Node): boolean => {
    for (let p = ctx.parentOf(n), child = n; p !== undefined && p !== loop; child = p, p = ctx.parentOf(p))
      if (p.type === 'TryStatement' && p.block === child) return true;
    return false;
  };
  return !someDescendant(loop.body, (n) => n.type === 'AwaitExpression' && !insideTried(n), true);
}
