// Whether a failed record can leave a batch handler as a thrown error: the only failure a bisecting stream
// source (BisectBatchOnFunctionError) sees. A catch that never rethrows on the record's path (in the handler
// or a module-local helper it calls), `Promise.allSettled` or a `.catch(` on the record's promise turn the
// failure into a success: the bisect never runs, and the failed record is simply lost. An allSettled whose
// rejection is thrown on (`throw failed.reason`) fails the whole batch like a throw (r44 review).
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { someBelow } from '../subtreeIndex.js';

/** Calls that fail only on a malformed record: a catch around them skips a record no retry can fix. */
export const DECODING = new Set([
  'parse',
  'from',
  'atob',
  'toString',
  'decodeURIComponent',
  'unmarshall',
  'safeParse',
]);

/** A try block whose only calls decode the record (JSON.parse, base64 Buffer.from, unmarshall). */
export function decodesOnly(block: Node | undefined): boolean {
  if (block === undefined) return false;
  let calls = 0;
  const other = someDescendant(
    block,
    (n) => {
      if (n.type === 'AwaitExpression' || n.type === 'NewExpression') return true;
      if (n.type !== 'CallExpression') return false;
      calls++;
      return !DECODING.has(calleeName(n) ?? '');
    },
    true,
  );
  return !other && calls > 0;
}

/**
 * The function throws a settled result's rejection (`throw failed.reason`, `throw results.find(...).reason`):
 * its `Promise.allSettled` only waits for every record before failing the batch, it swallows nothing.
 */
function rethrowsReason(fn: Node): boolean {
  // swallowsHere lists the same fn.body (with nested functions) for its catches: one list for both.
  return someBelow(fn.body, ['ThrowStatement'], (n) => {
    const thrown = unwrap(n.argument as Node);
    return (
      thrown?.type === 'MemberExpression' && thrown.computed !== true && thrown.property?.name === 'reason'
    );
  });
}

/** Swallows a failure in this function's own body: a catch that never throws, allSettled, or `.catch(`. */
function swallowsHere(ctx: ModuleContext, fn: Node, fails: (c: Node) => boolean): boolean {
  const text = ctx.source.slice(fn.start, fn.end);
  if (/\ballSettled\b/.test(text) && !rethrowsReason(fn)) return true;
  if (/\.catch\s*\(/.test(text)) return true;
  return someBelow(
    fn.body,
    ['CatchClause'],
    (n) =>
      // A catch body is asked once: a walk that stops at the first throw, not a list of all of it.
      !someDescendant(n.body, (t) => t.type === 'ThrowStatement', true) &&
      !fails(n) &&
      !decodesOnly(ctx.parentOf(n)?.block),
  );
}

/**
 * True when every failure on the record's path throws out of the handler: no never-rethrowing catch, no
 * allSettled and no `.catch(` in the handler or in the module-local functions it calls or hands on. A
 * catch around decoding only (a malformed record no retry fixes) or one `fails` names (calls back the
 * error) lets the failure out.
 * @example
 * throwsForRecord(ctx, fn) // false for `await Promise.allSettled(event.Records.map(project))`
 */
export function throwsForRecord(
  ctx: ModuleContext,
  fn: Node,
  fails: (c: Node) => boolean = () => false,
): boolean {
  const seen = new Set<Node>();
  const queue = [fn];
  for (let f = queue.pop(); f !== undefined; f = queue.pop()) {
    if (seen.has(f)) continue;
    seen.add(f);
    if (seen.size > 40 || swallowsHere(ctx, f, fails)) return false;
    someBelow(f.body, ['Identifier'], (n) => {
      const local = ctx.functionOf(n);
      if (local !== undefined && isFunction(local) && !seen.has(local)) queue.push(local);
      return false;
    });
  }
  return true;
}

/** Does the node import its root name from another module of the project (a relative path)? */
function projectCall(ctx: ModuleContext, node: Node | undefined): boolean {
  let call = unwrap(node);
  if (call?.type === 'AwaitExpression') call = unwrap(call.argument as Node);
  if (call?.type !== 'CallExpression') return false;
  let root = unwrap(call.callee);
  while (root?.type === 'MemberExpression') root = unwrap(root.object);
  if (root?.type !== 'Identifier') return false;
  const source = ctx.importOf(root.name as string, root)?.source;
  return source !== undefined && /^(\.{1,2}\/|[@~#]\/)/.test(source);
}

/**
 * True when the handler returns (or returns the awaited result of) a call into another project module:
 * `return settleEach(event.Records, work)` may answer batchItemFailures unseen, so the answer is unknown.
 * @example
 * returnsProjectCall(ctx, fn) // true for `async (e) => settleEach(e.Records, save)` with `./lib/settle`
 */
export function returnsProjectCall(ctx: ModuleContext, fn: Node): boolean {
  if (fn.body?.type !== 'BlockStatement') return projectCall(ctx, fn.body);
  return someDescendant(
    fn.body,
    (n) => n.type === 'ReturnStatement' && projectCall(ctx, n.argument as Node | undefined),
    true,
  );
}
