// A batch size of 1 excuses a handler only of the missing batchItemFailures: with one record per batch,
// a failure that leaves the handler fails that record alone. A handler that settles its records with
// `Promise.allSettled(event.Records.map(work))` and never throws on the rejections deletes the failed
// record whatever the batch size. When the work is out of view (an imported function), swallowed-error
// leaves that settle to batch-no-partial-failure (settledDrops.ts), so nothing else reports the loss.
import { type Node, someDescendant, unwrap } from '../ast.js';
import { codeText } from '../codeText.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mapsRecords } from './batchIds.js';
import { isAllSettled, settlesIo } from './settledDrops.js';

/**
 * What answers a rejection in the handler's own code (comments aside): a throw, a reject, an exit, a
 * callback-era failure (`callback(err)`, `context.fail(err)`, `context.done(err)`: any first argument but
 * null), or the records' own failures answered (`batchItemFailures`).
 */
const ANSWERS =
  /\bthrow\b|\breject\s*\(|\bprocess\.exit|\bexitCode\b|\.fail\s*\(|\b(callback|cb|done)\s*\(\s*(?!null\b|undefined\b|\))|\bbatchItemFailures\b/;

/**
 * Does the handler settle its own records with `Promise.allSettled` over work out of view, the settle
 * swallowed-error leaves to this rule, and never answer a rejection (no throw, reject or exit in its code)?
 * @example
 * settlesRecordsOutOfView(ctx, fn) // true for `await Promise.allSettled(event.Records.map((r) => processRecord(r)))` with processRecord imported
 */
export function settlesRecordsOutOfView(ctx: ModuleContext, fn: Node): boolean {
  if (ANSWERS.test(codeText(ctx, fn))) return false;
  return someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'CallExpression' || !isAllSettled(n)) return false;
      const work = unwrap((n.arguments as Node[])[0]);
      const records =
        mapsRecords(ctx, work) || (work?.type === 'Identifier' && mapsRecords(ctx, ctx.valueOf(work)));
      return records && !settlesIo(ctx, work, fn);
    },
    true,
  );
}
