// Batch handlers that leave their record loop by `return` once a record is done: the invocation ends
// there and answers success, so Lambda deletes (SQS) or checkpoints past (streams) every record after the
// one handled. No batchItemFailures, ReportBatchItemFailures or bisect brings those records back: the
// loss is in the handler's own flow, and the fix is there (continue, or return after the loop). The
// finding goes at the `return` a reader points at, and the event source's own finding is merged into it
// (batchTwins.ts, `dropsRecords`).
import { forEachDescendant, memberPath, type Node, someDescendant, unwrap } from '../ast.js';

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
 * awaited work for the record (`await save(record); return ok()`): the records after that one are
 * acknowledged unprocessed. A return before any awaited work (a guard on a malformed first record), one
 * inside a nested function (a `records.map` callback) and one in a catch are not counted: the first may be
 * meant as a filter, the second ends only the callback, and the third is a record's failure swallowed (the
 * handler is reported for catching it). Nor is one under an `if` or a `switch` (a record that gives up,
 * `if (attempt > max) { await park(record); return }`): only some records leave there, and which is not
 * read here; the return that ends the loop body's every pass (in it, or in its `try`) is the shape.
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
      const returns: Node[] = [];
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
      for (const r of returns.filter((x) => unconditional(x, body, parentOf))) {
        const worked = someDescendant(body, (n) => n.type === 'AwaitExpression' && n.end <= r.start, true);
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

/** Is the return reached by every pass of the loop that gets to it: only blocks and `try` blocks between? */
function unconditional(r: Node, body: Node, parentOf: (n: Node) => Node | undefined): boolean {
  for (let up = parentOf(r); up !== undefined; up = parentOf(up)) {
    if (up === body) return true;
    if (up.type !== 'BlockStatement' && up.type !== 'TryStatement') return false;
  }
  return false;
}
