// swallowed-error for promise chains: `.catch(() => {})` with a comment that states the decision beside the
// chain (`.catch(() => {}); // Ignore cache deletion errors`, `.catch(() => null); // swallow invoke
// errors`, or just above the statement) is best effort by design, as the same comment in a try's catch is
// (catchFacts.ts saysWhy). A comment that only says what the call does (`// Record the audit entry`)
// decides nothing, and the catch stays reported.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { BEST_EFFORT } from './catchFacts.js';

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
