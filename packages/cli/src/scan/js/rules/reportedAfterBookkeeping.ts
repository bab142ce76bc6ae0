// swallowed-error: error bookkeeping inside a catch that still reports the failure. A catch that records the
// failure it caught (marks a sync row ERROR, writes an error note) may guard that write with a try of its
// own that only logs: when the enclosing catch then reports the original failure anyway (rethrows it, puts
// the record in batchItemFailures, answers a 5xx), the failure still reaches the caller or the queue; only
// the note about it is lost. The enclosing catch is judged on its own; the inner one is not a swallowed
// failure. An enclosing catch that only logs and goes on keeps the inner finding.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersError } from './existenceProbe.js';

/** A list that collects failed work: `batchItemFailures`, `failures`, `failedIds`, `errors`. */
const FAILURE_LIST = /fail|error/i;

/** A function that hands a failure on: a Lambda callback, a promise's reject, Express's next. */
const FAILURE_CALLBACK = /^(?:callback|cb|done|reject|next)$/;

/** `X.push(...)` onto a failure list, or `callback(error)`-style hand-on of the caught error. */
function reportsByCall(statement: Node, caught: string | undefined): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  const call = unwrap(statement.expression as Node);
  if (call?.type !== 'CallExpression') return false;
  if (calleeName(call) === 'push') {
    const list = memberPath(unwrap(call.callee as Node)?.object as Node) ?? [];
    return list.some((name) => FAILURE_LIST.test(name));
  }
  return (
    caught !== undefined &&
    FAILURE_CALLBACK.test(calleeName(call) ?? '') &&
    (call.arguments as Node[]).some((a) => unwrap(a)?.name === caught)
  );
}

/** One statement of the enclosing catch that reports the failure, wherever its record of it went. */
function reportsFailure(statement: Node, caught: string | undefined): boolean {
  if (statement.type === 'ThrowStatement') return true;
  if (statement.type === 'ReturnStatement')
    return statement.argument != null && answersError(statement.argument as Node);
  return reportsByCall(statement, caught);
}

/**
 * The catch guards error bookkeeping inside an enclosing catch that reports the failure regardless: its try
 * sits directly in the enclosing catch's body, reads the caught error (it records that failure), and a
 * statement of that body after it (or a push onto a failure list before it) reports the failure. Only
 * top-level statements count: a report under a condition may not run.
 * @example
 * // catch (error) { try { await markFailed(id, error.message) } catch (e) { log(e) } failures.push(id) }
 * failureStillReported(ctx, innerCatch) // -> true
 */
export function failureStillReported(ctx: ModuleContext, handler: Node): boolean {
  const tryStatement = ctx.parentOf(handler);
  const body = tryStatement === undefined ? undefined : ctx.parentOf(tryStatement);
  const outer = body === undefined ? undefined : ctx.parentOf(body);
  if (tryStatement === undefined || body?.type !== 'BlockStatement' || outer?.type !== 'CatchClause')
    return false;
  const caught = outer.param?.type === 'Identifier' ? (outer.param.name as string) : undefined;
  if (caught === undefined) return false;
  const recordsCaught = someDescendant(
    tryStatement.block as Node,
    (n) => n.type === 'Identifier' && n.name === caught,
    true,
  );
  if (!recordsCaught) return false;
  const statements = body.body as Node[];
  const at = statements.indexOf(tryStatement);
  return statements.some(
    (s, i) =>
      (i > at && reportsFailure(s, caught)) ||
      (i < at && s.type === 'ExpressionStatement' && reportsByCall(s, caught)),
  );
}
