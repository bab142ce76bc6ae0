// swallowed-error: an answer that holds its own failure (a batch API's failed entries, a synchronous
// Invoke's `FunctionError`, a RunTask's `failures`) returned whole by an exported Lambda entry handler as
// its own answer (`return lambda.invoke(params).promise()` in an SQS consumer). Lambda reads no answer
// from a queue, a stream or an asynchronous source: the invocation succeeds, the message is deleted, and
// the failure inside the answer is seen by nobody. The code does not say how the handler is invoked (an
// API or a synchronous invoker reads the answer), so the finding is held for the templates
// (`onlyIfAnswerUnread`), as unreadFailureAnswer.ts holds a failure answered as a value.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { exportNamesOf } from './lambda.js';

/**
 * The export names of the entry handler whose own answer the sent call is (`return <send>`, or the body of
 * an arrow handler); none when the send is answered by any other function.
 *
 * @example
 * // exports.handler = async (event) => { ...; return lambda.invoke(params).promise(); }
 * entryAnswering(ctx, sent) // -> ['handler']
 */
export function entryAnswering(ctx: ModuleContext, sent: { node: Node; parent: Node | undefined }): string[] {
  const fn = ctx.enclosingFunction(sent.node);
  if (fn === undefined || ctx.handlers.get(fn) !== 'entry') return [];
  if (sent.parent?.type !== 'ReturnStatement' && fn.body !== sent.node) return [];
  return exportNamesOf(ctx, fn);
}
