// The two documented ways a batch handler settles partial failure without batchItemFailures:
// - it deletes the records that succeeded itself (DeleteMessage / DeleteMessageBatch with their receipt
//   handles) and then throws, so only the rest return to the queue (the answer before 2021's
//   ReportBatchItemFailures, still in AWS samples);
// - it catches each record's failure and parks the record itself (sends it to a dead-letter or retry queue,
//   or a stream): nothing is lost and nothing healthy is redone.
// batch-no-partial-failure has nothing to say about either.
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mayThrow } from '../mayThrow.js';
import { PARK_CALL } from './parkCalls.js';
import { parksEachRecordPromise } from './recordCatchParks.js';

const DELETE_CALL = /\b(DeleteMessageBatchCommand|DeleteMessageCommand|deleteMessageBatch|deleteMessage)\b/;

/** The handler deletes records by their receipt handles and throws: the undeleted rest is redelivered. */
export function deletesSucceeded(ctx: ModuleContext, fn: Node): boolean {
  const text = ctx.source.slice(fn.start, fn.end);
  if (!text.includes('receiptHandle') && !text.includes('ReceiptHandle')) return false;
  if (!DELETE_CALL.test(text) && !DELETE_CALL.test(ctx.source)) return false;
  return someDescendant(fn.body as Node, (n) => n.type === 'ThrowStatement');
}

/** A catch that awaits a send parking the failed record on another queue or stream (its code, not comments). */
function parksFailure(ctx: ModuleContext, clause: Node): boolean {
  return someDescendant(clause.body as Node, (n) => {
    if (n.type !== 'AwaitExpression') return false;
    const arg = n.argument as Node;
    return PARK_CALL.test(ctx.source.slice(arg.start, arg.end));
  });
}

/**
 * Does the try stand guard over its record: its catch never rethrows (the record is parked and the whole
 * batch fails anyway), and no statement beside it in its block may throw (`const { invoice } =
 * JSON.parse(record.body)` before the try rejects the batch on one malformed body).
 */
function guards(ctx: ModuleContext, statement: Node): boolean {
  if (someDescendant((statement.handler as Node).body as Node, (n) => n.type === 'ThrowStatement', true))
    return false;
  const block = ctx.parentOf(statement);
  if (block?.type !== 'BlockStatement') return true;
  return (block.body as Node[]).every((s) => s === statement || !mayThrow(ctx, s, 'any'));
}

/**
 * Every await of the handler runs inside a try whose catch parks the record (or in such a catch): no
 * record's failure reaches Lambda, and none is dropped. One await outside (a throwing call after the
 * guarded lookup) still fails the whole batch, and the finding stands. The promise-chain form, each
 * record's promise ending in a `.catch` that parks it, counts the same (recordCatchParks.ts).
 */
export function parksEveryFailure(ctx: ModuleContext, fn: Node): boolean {
  return triesPark(ctx, fn) || parksEachRecordPromise(ctx, fn);
}

/** Every await of the handler sits in a try whose catch parks the record (parksEveryFailure). */
function triesPark(ctx: ModuleContext, fn: Node): boolean {
  const parking: Node[] = [];
  someDescendant(fn.body as Node, (n) => {
    if (
      n.type === 'TryStatement' &&
      n.handler !== null &&
      n.handler !== undefined &&
      parksFailure(ctx, n.handler) &&
      guards(ctx, n)
    )
      parking.push(n);
    return false;
  });
  if (parking.length === 0) return false;
  return !someDescendant(
    fn.body as Node,
    (n) => n.type === 'AwaitExpression' && !parking.some((t) => t.start <= n.start && n.end <= t.end),
  );
}
