// A poll loop that waits for an answer to appear (`while (tx == null) { await delay(500); tx = await
// fetchTransaction(sig) }`) is a retry loop in disguise when the function it calls answers every error with
// null or undefined: an RPC outage, a 5xx or a rejected request reads as "not there yet", so the loop goes
// round for as long as the failure lasts, until the function times out. With no attempt counter or deadline
// it is unbounded; with a fixed sleep every caller retries in lockstep. A helper that lets its errors out
// ends the loop on a failure: that poll waits only for a result still to come, and is not reported here.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { isRetryLoop } from '../retryLoop.js';
import { delayAnchor } from './delayAnchor.js';
import { delaysIn, jittered } from './loopDelays.js';
import type { Report } from './Report.js';
import { ownText, POLL_LIMIT } from './retryPollLoops.js';

/**
 * `while (x == null)`, `while (x === undefined)`, `while (!x)`: a loop left once `x` holds something.
 * @example
 * NULL_POLL_TEST.test('while (tx == null) {') // true
 */
export const NULL_POLL_TEST = /\bwhile\s*\(\s*(?:!\s*[\w$]+\s*\)|[\w$]+\s*===?\s*(?:null|undefined)\s*\))/;

/** A counter moved on and compared in one go: `if (attempts++ >= 10) throw ...`. */
const COUNTED = /\b\w*(?:attempt|tries|retries|retry|round|iteration|poll|count)\w*\s*(?:\+\+|--)\s*[<>=!]/i;

/** The variable a loop test waits on being set: `x` of `x == null`, `x === undefined`, `!x`. */
function awaitedVariable(test: Node | undefined): string | undefined {
  const t = unwrap(test);
  if (t?.type === 'UnaryExpression' && t.operator === '!') {
    const arg = unwrap(t.argument as Node);
    return arg?.type === 'Identifier' ? (arg.name as string) : undefined;
  }
  if (t?.type !== 'BinaryExpression' || (t.operator !== '==' && t.operator !== '===')) return undefined;
  const nullish = (n: Node | undefined) =>
    (n?.type === 'Literal' && n.value === null && n.raw === 'null') ||
    (n?.type === 'Identifier' && n.name === 'undefined');
  const [l, r] = [unwrap(t.left as Node), unwrap(t.right as Node)];
  if (nullish(r) && l?.type === 'Identifier') return l.name as string;
  if (nullish(l) && r?.type === 'Identifier') return r.name as string;
  return undefined;
}

/** A value standing for "nothing": `null`, `undefined`, `void 0`, or no value at all. */
function nothing(n: Node | null | undefined): boolean {
  const v = unwrap(n);
  return (
    v === undefined ||
    (v.type === 'Literal' && v.value === null && v.raw === 'null') ||
    (v.type === 'Identifier' && v.name === 'undefined') ||
    (v.type === 'UnaryExpression' && v.operator === 'void')
  );
}

/**
 * Does the function answer the failures of its awaited work with null or undefined: a top-level try that
 * awaits, whose catch never throws and returns nothing (`return null`, `return;`, or falls off the end)?
 * @example
 * answersNullOnError(fetchTransaction) // true for `try { return await rpc(sig) } catch { return null }`
 */
export function answersNullOnError(fn: Node): boolean {
  const body = fn.body as Node | undefined;
  if (body?.type !== 'BlockStatement') return false;
  const statements = body.body as Node[];
  return statements.some((s, i) => {
    if (s.type !== 'TryStatement' || s.handler == null) return false;
    if (!someDescendant(s.block as Node, (n) => n.type === 'AwaitExpression', true)) return false;
    const handler = (s.handler as Node).body as Node;
    if (someDescendant(handler, (n) => n.type === 'ThrowStatement', true)) return false;
    const returns: Node[] = [];
    someDescendant(
      handler,
      (n) => {
        if (n.type === 'ReturnStatement') returns.push(n);
        return false;
      },
      true,
    );
    if (returns.length > 0) return returns.every((r) => nothing(r.argument as Node | null));
    // A catch that returns nothing falls off the end only when the try is the function's last statement.
    return i === statements.length - 1;
  });
}

/** The callee of `x = await f(...)` in the loop's own body, `x` being the awaited variable. */
function refetch(loop: Node, name: string): Node | undefined {
  let callee: Node | undefined;
  someDescendant(
    loop.body as Node,
    (n) => {
      if (n.type !== 'AssignmentExpression' || n.operator !== '=') return false;
      const left = unwrap(n.left as Node);
      const right = unwrap(n.right as Node);
      if (left?.type !== 'Identifier' || left.name !== name || right?.type !== 'AwaitExpression')
        return false;
      const call = unwrap(right.argument as Node);
      const c = call?.type === 'CallExpression' ? unwrap(call.callee as Node) : undefined;
      if (c?.type === 'Identifier') callee = c;
      return c?.type === 'Identifier';
    },
    true,
  );
  return callee;
}

/**
 * Reports `while (x == null)` polls whose refetch answers errors with null (the module's own or an import).
 * @example
 * nullPollRules(ctx, report) // at `while (tx == null) { await delay(500); tx = await fetchTransaction(sig) }`
 */
export function nullPollRules(ctx: ModuleContext, report: Report): void {
  if (!NULL_POLL_TEST.test(ctx.source)) return;
  for (const type of ['WhileStatement', 'DoWhileStatement'] as const) {
    for (const loop of ctx.of(type)) {
      const name = awaitedVariable(loop.test as Node);
      if (name === undefined || isRetryLoop(loop)) continue;
      const callee = refetch(loop, name);
      const delays = delaysIn(ctx, loop.body as Node);
      if (callee === undefined || delays.length === 0) continue;
      const fn = callee.name as string;
      const imp = ctx.importOf(fn, callee);
      const local = imp === undefined ? ctx.functionOf(callee) : undefined;
      const extra =
        imp !== undefined && imp.imported !== '*' && isProjectSource(imp.source)
          ? { onlyIfImportNullOnError: { from: ctx.file, source: imp.source, name: imp.imported } }
          : undefined;
      if (extra === undefined && !(local !== undefined && isFunction(local) && answersNullOnError(local)))
        continue;
      // A counter or a deadline bounds the poll; its fixed delay is still a retry without jitter.
      const text = ownText(ctx, loop);
      if (!POLL_LIMIT.test(text) && !COUNTED.test(text))
        report(
          'retry-unbounded',
          loop,
          `poll loop waits for ${name} with no attempt limit or deadline, and ${fn}() answers its errors with null: a failure that lasts reads as "not there yet" and is retried until the function times out`,
          extra,
        );
      if (!delays.some((d) => jittered(ctx, d)))
        report(
          'retry-no-jitter',
          delayAnchor(ctx, loop, delays) ?? loop,
          `poll loop re-calls ${fn}(), which answers its errors with null, after a fixed delay: a retry with no jitter`,
          extra,
        );
    }
  }
}
