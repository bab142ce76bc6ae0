// swallowed-error: whether a catch's failure answer is a plain value, one that a handler typed for a source
// that reads no answer (answerlessEventType, handlerTypes.ts) returns to nobody. Such a type is the author's
// word, so that finding needs no template saying the same (unreadFailureAnswer.ts, failureResult.ts); but the
// answer must not be one Lambda does read, nor a call that may fail the invocation after all:
// - a helper that answers `batchItemFailures` (`return failWholeBatch(Records, err)`) is the one answer a
//   queue or stream reads (review r53 item 3): a helper of this module that builds one is not plain, asked
//   the way itemAnswer.ts asks it, never by the helper's text (a comment or log line naming the field);
// - a helper that may throw (review r53 item 2): a helper of this module whose body throws (two calls deep,
//   mayThrow.ts), or one this module does not hold (imported, inherited, a method of `this`, an overload's
//   bodiless signature), which is unseen and so may throw; only a call handed a literal error status
//   (`response({ statusCode: 500 })`) says by its argument that it builds an answer;
// - `context.fail(e)`, `callback(e)`, `Promise.reject(e)` fail the invocation.
import { memberPath, type Node, unwrap } from '../ast.js';
import { answersItemsItself } from '../itemAnswer.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mayThrow } from '../mayThrow.js';
import { failureObject } from './failureResult.js';

/** Calls that fail the invocation or reject: their answer is no value. */
const FAILS = /^(fail|done|callback|cb|reject|next)$/;

/** A call answers a plain failure: a local, non-throwing helper that builds no batch answer, or one handed a literal status. */
function plainCall(ctx: ModuleContext, call: Node): boolean {
  const name = memberPath(call.callee)?.at(-1);
  if (name !== undefined && FAILS.test(name)) return false;
  const helper = ctx.functionOf(call.callee as Node);
  if (helper === undefined || helper.body === null || helper.body === undefined) {
    // Unseen: only its literal argument says it answers rather than throws.
    const first = unwrap((call.arguments as Node[])[0]);
    return first?.type === 'ObjectExpression' && failureObject(first);
  }
  return !answersItemsItself(ctx, helper, helper) && !mayThrow(ctx, helper.body as Node, 'known');
}

/**
 * Every matched failure answer of the catch is a plain value: an object literal (`{ statusCode: 500 }`,
 * `{ success: false }`), a variable the catch set to one, or a call plainCall accepts.
 *
 * @example
 * plainFailureAnswer(ctx, [parse('{ statusCode: 500 }')]) // -> true
 * plainFailureAnswer(ctx, [parse('failWholeBatch(Records, err)')]) // -> false: imported, so unseen
 */
export function plainFailureAnswer(ctx: ModuleContext, answers: readonly Node[]): boolean {
  return (
    answers.length > 0 &&
    answers.every((a) => {
      let v = unwrap(a);
      if (v?.type === 'AwaitExpression') v = unwrap(v.argument as Node);
      if (v?.type === 'ObjectExpression') return true;
      return v?.type === 'CallExpression' && plainCall(ctx, v);
    })
  );
}
