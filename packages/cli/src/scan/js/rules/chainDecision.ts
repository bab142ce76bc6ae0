// swallowed-error for promise chains: `.catch(() => {})` with a comment that states the decision beside the
// chain (`.catch(() => {}); // Ignore cache deletion errors`, `.catch(() => null); // swallow invoke
// errors`, or just above the statement) is best effort by design, as the same comment in a try's catch is
// (catchFacts.ts saysWhy). A comment that only says what the call does (`// Record the audit entry`)
// decides nothing, and the catch stays reported.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { awaitsRead } from './bestEffortCatch.js';
import { BEST_EFFORT } from './catchFacts.js';
import { logsDecision } from './loggedDecision.js';

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
  // A comment block reaching those lines is read whole: its decision may sit on its first line
  // (`// Non-fatal: the new suggestions are already\n// recorded, ...` above a one-line `if`).
  // Cheap bounds first: the comments up to the end of the call's last line (`.catch(() => {}); // why`).
  const lineEnd = ctx.source.indexOf('\n', call.end as number);
  const to = lineEnd === -1 ? ctx.source.length : lineEnd;
  const near = ctx.comments.filter((c) => c.end >= (statement.start as number) - 4000 && c.start <= to);
  const lines = near.map((c) => ({
    from: ctx.position(c.start).line,
    to: ctx.position(c.end).line,
    text: ctx.source.slice(c.start, c.end),
    // On a line of its own, not the tail of a statement above.
    own: /^[ \t]*$/.test(ctx.source.slice(ctx.source.lastIndexOf('\n', c.start - 1) + 1, c.start)),
  }));
  let block = lines.filter((c) => c.to >= first && c.from <= last);
  for (let top = Math.min(...block.map((c) => c.from)); block.length > 0; ) {
    const above = lines.find((c) => c.to === top - 1 && c.own);
    if (above === undefined) break;
    block = [above, ...block];
    top = above.from;
  }
  return block.some((c) => BEST_EFFORT.test(c.text));
}

/** What a chain's value may pass through and still be dropped: `await`, `void`, parentheses, a cast. */
const DROPPED_THROUGH = /^(AwaitExpression|ParenthesizedExpression|TSAsExpression|ChainExpression)$/;

/**
 * A `.catch(...)` that only logs, decided on purpose where it stands, on a chain whose value nobody reads.
 * The decision is the comment beside the chain (chainSaysWhy: inside the handler too, before an arrow's
 * expression body, `.catch((err) =>\n // Non-fatal: ...\n console.error(...))`), or the handler's own log
 * line (`logger.warn('Failed to enqueue the catch-up (non-fatal)')`, loggedDecision.ts), the words a try's
 * catch is excused by (catchFacts.ts saysWhy). Only for a chain that is a statement of its own
 * (`await supersede(id).catch(log);`): then the caller goes on without its answer, so what failed was a
 * step beside the work, not the work; a chain whose stand-in is read (`const pdf = await render().catch(log)`)
 * is judged as before, whatever its comment says.
 *
 * @example
 * // Non-fatal: the new suggestions are already recorded.
 * await supersedePrior(id).catch((err) => logger.warn('Could not supersede', { err })); // -> true
 */
export function loggedChainDecided(ctx: ModuleContext, call: Node, handlerBody: Node): boolean {
  const { parent } = ctx.climb(
    call,
    (p) => DROPPED_THROUGH.test(p.type) || (p.type === 'UnaryExpression' && p.operator === 'void'),
  );
  if (parent?.type !== 'ExpressionStatement') return false;
  const statements = handlerBody.type === 'BlockStatement' ? (handlerBody.body as Node[]) : [handlerBody];
  const decided = chainSaysWhy(ctx, call) || logsDecision(statements.map((s) => unwrap(s) ?? s));
  return decided && committedBefore(ctx, parent);
}

/**
 * The function holding the statement awaited a call that is not a read before it (the suggestions
 * recorded, the configuration saved): the work is done, and the chain is a step after it. A chain that is
 * the first work of its function (each record's `await process(r).catch(log)`) is the work itself, whatever
 * its comment says.
 */
function committedBefore(ctx: ModuleContext, statement: Node): boolean {
  const fn = ctx.enclosingFunction(statement);
  const body = (fn?.body as Node | undefined) ?? ctx.program;
  return someDescendant(
    body,
    (n) =>
      n.type === 'AwaitExpression' &&
      (n.end as number) <= (statement.start as number) &&
      !awaitsRead(unwrap(n.argument as Node)),
    true,
  );
}
