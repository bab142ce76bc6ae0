// Retries of the items of one `Promise.all`, which start together, fail together (a rate limit is the
// likely cause) and so, after a fixed wait, all wake at the same instant and retry together: the wait
// needs jitter. Two shapes with no try-loop or recursion of their own (retryLoops.ts, retryRecursion.ts
// judge those): each item's callback waits after a failure and makes the same call again (`if
// (!parsed.success) { await sleep(5000); const again = await fetchItem(id) }`), and a loop that reruns
// the failed attempts through `Promise.all`/`allSettled` after a sleep. One retry of one call per request
// or message is not judged here (no herd forms).
import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isRetryLoop, LOOP_STATEMENTS as LOOPS, walksCollection } from '../retryLoop.js';
import { delayAnchor } from './delayAnchor.js';
import { delaysIn, jittered } from './loopDelays.js';
import type { RetrySite } from './retryLibraries.js';

const SLEEP = /^(sleep|delay|wait|pause|setTimeout)$/i;
/** An `if` that goes this way after a failure: a failed parse, a bad status, an error field. */
const FAILURE_TEST = /success|\bok\b|error|fail|status|valid|retry/i;

/** The callback handed to `items.map(...)` whose result `Promise.all`/`allSettled` awaits. */
function fanOutCallback(ctx: ModuleContext, fn: Node): boolean {
  const map = ctx.parentOf(fn);
  if (map?.type !== 'CallExpression' || calleeName(map) !== 'map' || !(map.arguments as Node[]).includes(fn))
    return false;
  const all = ctx.parentOf(map);
  if (
    all?.type === 'CallExpression' &&
    /^Promise\.all(Settled)?$/.test(memberPath(all.callee)?.join('.') ?? '')
  )
    return true;
  // `const pending = items.map(async ...); await Promise.all(pending)`
  const declarator = all?.type === 'VariableDeclarator' && all.init === map ? all : undefined;
  const name = declarator?.id?.type === 'Identifier' ? (declarator.id.name as string) : undefined;
  return name !== undefined && new RegExp(`Promise\\.all(?:Settled)?\\(\\s*${name}\\s*\\)`).test(ctx.source);
}

/** The function a wait belongs to, seen through `new Promise((r) => setTimeout(r, ms))`. */
function waitingFunction(ctx: ModuleContext, wait: Node): Node | undefined {
  let fn = ctx.enclosingFunction(wait);
  const executorOf = fn === undefined ? undefined : ctx.parentOf(fn);
  if (executorOf?.type === 'NewExpression' && unwrap(executorOf.callee)?.name === 'Promise')
    fn = ctx.enclosingFunction(executorOf);
  return fn;
}

/** The wait is taken only after a failure: inside a catch, or an `if` whose test reads a failure. */
function afterFailure(ctx: ModuleContext, wait: Node, fn: Node): boolean {
  for (let c: Node = wait, p = ctx.parentOf(wait); p !== undefined && p !== fn; c = p, p = ctx.parentOf(p)) {
    if (p.type === 'CatchClause') return true;
    if (p.type === 'IfStatement' && p.consequent === c)
      return FAILURE_TEST.test(ctx.source.slice(p.test.start, p.test.end));
  }
  return false;
}

/** Awaited calls directly in `fn` (not in a nested callback), by callee path. */
function awaitedCalls(fn: Node): { path: string; node: Node }[] {
  const out: { path: string; node: Node }[] = [];
  someDescendant(
    fn.body as Node,
    (a) => {
      if (a.type !== 'AwaitExpression') return false;
      const call = unwrap(a.argument);
      const path = call?.type === 'CallExpression' ? memberPath(call.callee)?.join('.') : undefined;
      if (path !== undefined && !SLEEP.test(path.split('.').at(-1) ?? ''))
        out.push({ path, node: call as Node });
      return false;
    },
    true,
  );
  return out;
}

/** Each wait in a `Promise.all` callback that is followed by the same call it waited after. */
export function againSites(ctx: ModuleContext): RetrySite[] {
  if (!ctx.spells('Promise.all')) return [];
  const sites: RetrySite[] = [];
  for (const wait of ctx.of('CallExpression')) {
    const name = calleeName(wait);
    if (name === undefined || !SLEEP.test(name)) continue;
    const args = wait.arguments as Node[];
    const delay = name === 'setTimeout' ? args[1] : args[0];
    if (delay === undefined || jittered(ctx, delay)) continue;
    const fn = waitingFunction(ctx, wait);
    if (fn === undefined || !isFunction(fn) || !fanOutCallback(ctx, fn) || !afterFailure(ctx, wait, fn))
      continue;
    const calls = awaitedCalls(fn);
    const again = calls.find(
      (c) =>
        c.node.start > wait.end &&
        calls.some((b) => b.path === c.path && b.node.end < wait.start) &&
        !inLoop(ctx, c.node, fn),
    );
    if (again === undefined) continue;
    sites.push({
      node: wait,
      label: 'retry of each Promise.all item',
      noJitter: `each item of a Promise.all waits the same fixed delay after a failure and calls ${again.path} again: items that failed together retry together, no jitter`,
      noBreaker: true,
    });
  }
  return sites;
}

/** A loop inside the callback (a hand-written retry loop is judged by retryLoops.ts). */
function inLoop(ctx: ModuleContext, node: Node, fn: Node): boolean {
  for (let p = ctx.parentOf(node); p !== undefined && p !== fn; p = ctx.parentOf(p))
    if (LOOPS.has(p.type)) return true;
  return false;
}

/**
 * A read of which attempts failed: a settled result's `'rejected'` or `.reason`, a failure or success
 * flag. Other string literals are left out first: a job status polled for (`s === 'FAILED'`) is no retry.
 */
const FAILED_RESULTS = /\.reason\b|\bfail(?:ed|ures?)?\b|\berrors?\b|\bsuccess\b|\bok\b/i;
const STRING = /(['"`])(?:\\.|(?!\1).)*?\1/g;

function readsFailure(text: string): boolean {
  return /['"]rejected['"]/.test(text) || FAILED_RESULTS.test(text.replace(STRING, "''"));
}
const PROMISE_ALL = /^Promise\.all(?:Settled)?$/;

/**
 * A loop with no try that runs its attempts through one `Promise.all`/`allSettled`, reads which failed
 * and sleeps before the next round (`while (results.some((r) => r.status === 'rejected')) { await
 * sleep(5000); results = await Promise.allSettled(failed.map(send)) }`): every item that failed together
 * goes round together, so the wait needs jitter. It answers its own failed items, so no breaker is asked.
 */
export function settledSite(ctx: ModuleContext, loop: Node): RetrySite | undefined {
  if (isRetryLoop(loop) || !ctx.source.slice(loop.start, loop.end).includes('Promise.all')) return undefined;
  // Slice after slice of a collection, a pause between them: each round sends new items, none again.
  if (walksCollection(loop)) return undefined;
  const awaitsAll = someDescendant(
    loop.body,
    (n) =>
      n.type === 'AwaitExpression' &&
      unwrap(n.argument)?.type === 'CallExpression' &&
      PROMISE_ALL.test(memberPath(unwrap(n.argument)?.callee)?.join('.') ?? ''),
    true,
  );
  if (!awaitsAll) return undefined;
  const reads = (n: Node | null | undefined) => n != null && readsFailure(ctx.source.slice(n.start, n.end));
  const readsFailures =
    reads(loop.test) ||
    someDescendant(
      loop.body,
      (n) =>
        (n.type === 'IfStatement' && reads(n.test)) ||
        (n.type === 'AssignmentExpression' && reads(n.right)) ||
        (n.type === 'VariableDeclarator' && reads(n.init)),
      true,
    );
  if (!readsFailures) return undefined;
  const delays = delaysIn(ctx, loop.body as Node);
  if (delays.length === 0 || delays.some((d) => jittered(ctx, d))) return undefined;
  const at = delayAnchor(ctx, loop, delays);
  return {
    node: loop,
    ...(at === undefined ? {} : { noJitterAt: at }),
    label: 'loop retrying the failed attempts of a Promise.all',
    noJitter:
      'loop retries the failed attempts of a Promise.all after a fixed or purely exponential delay, no jitter',
    noBreaker: true,
  };
}
