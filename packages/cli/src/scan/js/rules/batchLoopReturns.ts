// Batch handlers that leave their record loop by `return` once a record is done: the invocation ends
// there and answers success, so Lambda deletes (SQS) or checkpoints past (streams) every record after the
// one handled. No batchItemFailures, ReportBatchItemFailures or bisect brings those records back: the
// loss is in the handler's own flow, and the fix is there (continue, or return after the loop). The
// finding goes at the `return` a reader points at, and the event source's own finding is merged into it
// (batchTwins.ts, `dropsRecords`).
import { forEachDescendant, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { refusesBatches } from './batchSingleRecord.js';
import type { Extra, Report } from './Report.js';

/**
 * Reports a batch handler that returns inside its record loop after a record's work, at that return, and
 * says whether it did. Judged before the gates for a handler that settles its own failures: parking them,
 * deleting the succeeded ones or a decided whole-batch retry brings back none of the records never read.
 * Gated like a `Records[0]` read (`onlyIfEventWired`): with no mapping in the scan the batch size is
 * unknown, and this loop is written for `BatchSize: 1` too (discovering-hot-topics wf-translate-text).
 * The event source's finding is merged into it (`dropsRecords`, batchTwins.ts).
 */
export function reportLoopReturn(ctx: ModuleContext, report: Report, fn: Node, extra: Extra): boolean {
  const leaves = recordLoopReturn(fn, (n) => ctx.parentOf(n));
  if (leaves === undefined || refusesBatches(fn)) return false;
  report(
    'batch-no-partial-failure',
    leaves,
    'batch handler returns inside its record loop: the records after the first one handled are acknowledged unprocessed',
    { ...extra, onlyIfEventWired: extra.handlerExports ?? [], dropsRecords: true },
  );
  return true;
}

/** Is the loop one over a batch's records: `for (const r of event.Records)`, `for (...; i < event.Records.length; ...)`? */
function walksRecords(loop: Node): boolean {
  if (loop.type === 'ForOfStatement') return memberPath(unwrap(loop.right))?.at(-1) === 'Records';
  if (loop.type !== 'ForStatement') return false;
  const test = unwrap(loop.test);
  if (test?.type !== 'BinaryExpression') return false;
  const path = memberPath(unwrap(test.right));
  return path !== undefined && path.at(-1) === 'length' && path.at(-2) === 'Records';
}

/**
 * The first `return` of `fn` inside its loop over the batch's records that comes after the loop body has
 * awaited work for the record (`await save(record); return ok()`), or whose own value does it
 * (`return await send(msg)`, `return handle(record)`): the records after that one are acknowledged
 * unprocessed. A return before any awaited work (a guard on a malformed first record), one
 * inside a nested function (a `records.map` callback) and one in a catch are not counted: the first may be
 * meant as a filter, the second ends only the callback, and the third is a record's failure swallowed (the
 * handler is reported for catching it). Nor is one under an `if` or a `switch` (a record that gives up,
 * `if (attempt > max) { await park(record); return }`): only some records leave there, and which is not
 * read here; the return that ends the loop body's every pass (in it, or in its `try`) is the shape, and
 * so is one under an `if` whose own value is the record's work (`if (id) return await check(id)`).
 * @example
 * // for (const r of event.Records) { await put(r); return { statusCode: 200 } }   -> that return
 * // for (const r of event.Records) { if (!r.body) continue; await put(r) } return  -> undefined
 */
export function recordLoopReturn(fn: Node, parentOf: (n: Node) => Node | undefined): Node | undefined {
  let found: Node | undefined;
  forEachDescendant(
    fn.body as Node,
    (loop) => {
      if (found !== undefined) return false;
      if (!walksRecords(loop)) return true;
      const body = loop.body as Node;
      // A loop without braces, `for (const r of event.Records) return handle(r);`: the body is the return
      // itself, which forEachDescendant never visits as its root.
      const returns: Node[] = body.type === 'ReturnStatement' ? [body] : [];
      forEachDescendant(
        body,
        (n) => {
          if (n.type === 'ReturnStatement') returns.push(n);
          // A return in a catch leaves on the failure path: that is the swallowed failure, judged as such.
          return n.type !== 'CatchClause';
        },
        true,
      );
      returns.sort((a, b) => a.start - b.start);
      for (const r of returns) {
        const carries = carriesWork(r.argument as Node | undefined, loop);
        // Under an `if`, only a return whose own value is the record's work (`if (data.id) return await
        // check(data.id)`): that branch is a record's normal path, and it ends the batch. A bare return
        // there (`await park(record); return`) is a record giving up, which is not read here.
        const every = unconditional(r, body, parentOf);
        if (!every && !(carries && underIfs(r, body, parentOf))) continue;
        const worked =
          carries || someDescendant(body, (n) => n.type === 'AwaitExpression' && n.end <= r.start, true);
        if (worked) {
          found = r;
          break;
        }
      }
      return false;
    },
    true,
  );
  return found;
}

/**
 * Does the return's value do the record's work: an await, or a call handed the record
 * (`return await sqs.send(...msg...)`, `return handle(r)`)? Not a plain answer (`return { statusCode: 200 }`,
 * `return ok()`): that one leaves only after work awaited before it.
 */
function carriesWork(arg: Node | undefined, loop: Node): boolean {
  if (arg === undefined || arg === null) return false;
  const names = new Set<string>();
  const left = loop.type === 'ForOfStatement' ? (loop.left as Node) : undefined;
  forEachDescendant(left, (n) => {
    if (n.type === 'Identifier') names.add(n.name as string);
    return true;
  });
  const record = (n: Node) =>
    (n.type === 'Identifier' && names.has(n.name as string)) || memberPath(n)?.includes('Records') === true;
  const calls = (n: Node) =>
    n.type === 'AwaitExpression' ||
    (n.type === 'CallExpression' &&
      (n.arguments as Node[]).some((a) => record(a) || someDescendant(a, record, true)));
  return calls(arg) || someDescendant(arg, calls, true);
}

/** Is the return reached by every pass of the loop that gets to it: only blocks and `try` blocks between? */
function unconditional(r: Node, body: Node, parentOf: (n: Node) => Node | undefined): boolean {
  if (r === body) return true;
  for (let up = parentOf(r); up !== undefined; up = parentOf(up)) {
    if (up === body) return true;
    if (up.type !== 'BlockStatement' && up.type !== 'TryStatement') return false;
  }
  return false;
}

/** Is the return reached through blocks, `try` blocks and `if` branches only (no switch, no catch)? */
function underIfs(r: Node, body: Node, parentOf: (n: Node) => Node | undefined): boolean {
  for (let up = parentOf(r); up !== undefined; up = parentOf(up)) {
    if (up === body) return true;
    if (up.type !== 'BlockStatement' && up.type !== 'TryStatement' && up.type !== 'IfStatement') return false;
  }
  return false;
}
