// A thin wrapper around a batch API (`export const putEvent = (d) => eb.putEvents(p(d)).promise()`): it hands
// the answer back untouched and has no error handling of its own, so it makes no promise about the failed
// entries; whoever calls it does. Its callers in other modules are judged there (rules/batchWrappers.ts,
// importedBatchRules), so rules/partialBatch.ts stays silent at the wrapper's own send: reporting both is
// one defect counted twice, at a line where nothing is wrong.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answerReturnedBy, answersWholeFailure } from './batchCollected.js';

/**
 * The exported `fn` (named `name`) returns the batch answer of `sent` as it is (batchCollected.ts
 * answerReturnedBy: at most carrying the failure field along), its send sits in no try that answers the
 * whole call's failure, and nothing in its own module calls it: every caller is an importer, judged at its
 * call. A wrapper that logs the answer, or whose module calls it, is judged at the send as before.
 * @example
 * // export const createEvent = async (n, p) => eventBridge.putEvents({ Entries: [entry(n, p)] }).promise();
 * judgedAtCallers(ctx, createEvent, promiseCall, 'FailedEntryCount', 'createEvent') // true
 */
export function judgedAtCallers(
  ctx: ModuleContext,
  fn: Node,
  sent: Node,
  field: string,
  name: string,
): boolean {
  const send = sent.type === 'AwaitExpression' ? (sent.argument as Node) : sent;
  if (answerReturnedBy(ctx, send, field) !== fn || answersWholeFailure(ctx, fn, send)) return false;
  // A plain-text look for a call of it outside its own body (`name(` or `name<T>(`).
  const call = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*[(<]`);
  return !call.test(ctx.source.slice(0, fn.start)) && !call.test(ctx.source.slice(fn.end));
}
