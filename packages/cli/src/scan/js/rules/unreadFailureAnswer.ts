// swallowed-error: an entry handler whose catch answers the failure as a value (`return sendResponse(500,
// {}, context)`, `return { statusCode: 500 }`, `return { success: false }`). For an API that is the answer;
// but Lambda discards what an asynchronously invoked function returns (a schedule, an SNS or S3 event, an
// EventBridge rule) and takes a queue or stream batch as processed when the function resolves: the failed
// run counts as a success, so no retry, dead-letter queue or Errors alarm sees it. The code does not say
// how the function is invoked; the finding is kept only when a template wires the handler to such a source
// (or a Step Functions task, whose Retry and Catch act only on a thrown error)
// (`onlyIfAnswerUnread`, iac/unreadAnswerHandlers.ts, iac/eventWiredHandlers.ts, rules/cdkUnreadAnswers.ts).
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnedName } from './errorValues.js';
import { exportNamesOf } from './lambda.js';
import type { Report } from './Report.js';

/**
 * The entry handlers whose answer is `fn`'s (`return handleInternal(event)`): `fn` is a module-local
 * function every call of which is such an answer, so its returned failure is theirs. None when it is
 * exported or called any other way (a caller that reads or drops its answer is judged as such).
 */
function answeringEntries(ctx: ModuleContext, fn: Node): Node[] {
  const name = returnedName(ctx, fn);
  if (name === undefined || ctx.exports.has(name) || exportNamesOf(ctx, fn).length > 0) return [];
  const entries: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== name || unwrap(call.callee)?.type !== 'Identifier') continue;
    const caller = ctx.enclosingFunction(call);
    let at = ctx.parentOf(call);
    while (at?.type === 'AwaitExpression' || at?.type === 'ParenthesizedExpression') at = ctx.parentOf(at);
    if (caller === undefined || ctx.handlers.get(caller) !== 'entry') return [];
    if (at?.type !== 'ReturnStatement' && at !== caller) return [];
    entries.push(caller);
  }
  return entries;
}

const UNREAD_MESSAGE =
  'the handler answers the failure as a returned value, but what invokes it reads no answer (a schedule, an asynchronous source, a queue, a Step Functions task): the failed run counts as a success, so no retry, Catch or alarm sees it';

/**
 * The catch sits in an exported entry handler's own body, or in a module-local function whose answer the
 * handler returns (not a helper whose answer it reads): reported, held for the project pass, when that
 * handler is wired to a source that reads no answer. True when reported.
 *
 * @example
 * // exports.handler = async () => { try { await run() } catch (e) { log(e); return sendResponse(500, {}) } }
 * unreadFailureAnswer(ctx, handler, report) // -> true, kept if a SAM `Schedule` event invokes handler
 */
export function unreadFailureAnswer(
  ctx: ModuleContext,
  handler: Node,
  report: Report,
  message = UNREAD_MESSAGE,
): boolean {
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined) return false;
  const entries = ctx.handlers.get(fn) === 'entry' ? [fn] : answeringEntries(ctx, fn);
  const names = [...new Set(entries.flatMap((e) => exportNamesOf(ctx, e)))];
  if (names.length === 0) return false;
  // Held for a template even when the event looks answerless: the event's shape alone cannot be vetoed by a
  // template wiring the handler to a caller that reads the answer (review r42, item 3).
  report('swallowed-error', handler, message, { onlyIfAnswerUnread: [...names] });
  return true;
}
