// A thin wrapper around a batch API (`export const putEvent = (d) => eb.putEvents(p(d)).promise()`): it hands
// the answer back untouched and has no error handling of its own, so it makes no promise about the failed
// entries; whoever calls it does. Its callers in other modules are judged there (rules/batchWrappers.ts,
// importedBatchRules); the send's own finding (rules/partialBatch.ts) then carries `unlessBatchCallerKept`,
// so it is dropped only when one of those callers' findings is kept (wrapperCalls.ts batchCallerKept). A
// caller that judgement cannot see (an alias, a cast, an optional call) leaves the send reported.
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answerReturnedBy, answersWholeFailure } from './batchCollected.js';

/**
 * The exported `fn` (named `name`) returns the batch answer of `sent` as it is (batchCollected.ts
 * answerReturnedBy: at most carrying the failure field along), its send sits in no try that answers the
 * whole call's failure, and nothing in its own module calls it (`name(...)` bound to it, `exports.name(...)`,
 * `module.exports.name(...)`, `this.name(...)`): every caller is an importer. A wrapper that logs the answer,
 * or whose module calls it, is judged at the send alone.
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
  return !ctx.of('CallExpression').some((call) => callsIt(ctx, fn, name, unwrap(call.callee)));
}

const OWN_OBJECTS = new Set(['exports', 'module.exports', 'this']);

/** `callee` names `fn`: an identifier bound to it, or `exports.name` / `module.exports.name` / `this.name`. */
function callsIt(ctx: ModuleContext, fn: Node, name: string, callee: Node | undefined): boolean {
  if (callee?.type === 'Identifier') return ctx.functionOf(callee) === fn;
  if (callee?.type !== 'MemberExpression' || propertyName(callee.property, callee.computed) !== name)
    return false;
  const object = unwrap(callee.object as Node);
  if (object?.type === 'ThisExpression') return true;
  return OWN_OBJECTS.has(memberPath(object)?.join('.') ?? '');
}
