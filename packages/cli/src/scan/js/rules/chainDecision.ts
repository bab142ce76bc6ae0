// swallowed-error for promise chains: `.catch(() => {})` with a comment that states the decision beside the
// chain (`.catch(() => {}); // Ignore cache deletion errors`, `.catch(() => null); // swallow invoke
// errors`, or just above the statement) is best effort by design, as the same comment in a try's catch is
// (catchFacts.ts saysWhy). A comment that only says what the call does (`// Record the audit entry`)
// decides nothing, and the catch stays reported. A chain whose callback only logs is decided only by the
// callback's own text (callbackSaysWhy): there a neighbour's comment, above or beside, decides nothing.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { catchOnlyDecision } from './catchDecisionWords.js';
import { BEST_EFFORT } from './catchFacts.js';
import { logLineStatesDecision } from './loggedDecision.js';

/** A statement's container: a chain climbs to the statement that holds it. */
const STATEMENT_LIST = /^(BlockStatement|Program|SwitchCase|StaticBlock)$/;

/**
 * Does a comment stating a decision sit on the lines of the statement that holds the `.catch(...)` call,
 * on the line it ends, or on the two lines above the statement?
 *
 * @example
 * // await ddb.send(new DeleteCommand(params)).catch(() => {}); // Ignore cache deletion errors
 * chainSaysWhy(ctx, catchCall) // -> true
 */
export function chainSaysWhy(ctx: ModuleContext, call: Node): boolean {
  const { node: statement } = ctx.climb(
    call,
    (p) =>
      !STATEMENT_LIST.test(p.type) && p.type !== 'ArrowFunctionExpression' && p.type !== 'FunctionExpression',
  );
  const first = ctx.position(statement.start as number).line - 2;
  const last = ctx.position(call.end as number).line;
  return ctx.comments.some((c) => {
    const line = ctx.position(c.start).line;
    return line >= first && line <= last && BEST_EFFORT.test(ctx.source.slice(c.start, c.end));
  });
}

/**
 * The inline `.catch` callback itself states the decision, as a try's catch does (catchFacts.ts saysWhy):
 * a comment anywhere in its text, also between its arrow and an expression body (`(err) => // Non-fatal:
 * set it up by hand\n log(err)`), in the words a catch decides with (BEST_EFFORT, catchDecisionWords.ts),
 * or a log line of it in the words of a decision to go on (`log.warn('enqueue failed (non-fatal)')`,
 * loggedDecision.ts). A callback named elsewhere (`.catch(logError)`) is shared: its words decide nothing
 * for this chain.
 *
 * @example
 * // await register().catch((err) => log.warn('auto-register failed (non-fatal)', err));
 * callbackSaysWhy(ctx, catchCall) // -> true
 */
export function callbackSaysWhy(ctx: ModuleContext, call: Node): boolean {
  const fn = unwrap((call.arguments as Node[])[0]);
  if (fn?.type !== 'ArrowFunctionExpression' && fn?.type !== 'FunctionExpression') return false;
  const said = ctx.comments.some((c) => {
    if (c.start < fn.start || c.end > fn.end) return false;
    const text = ctx.source.slice(c.start, c.end);
    return BEST_EFFORT.test(text) || catchOnlyDecision(text);
  });
  if (said) return true;
  const body = fn.body as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  return statements.some((s) => logLineStatesDecision(s));
}
