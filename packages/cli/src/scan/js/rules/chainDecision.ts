// swallowed-error for promise chains: `.catch(() => {})` with a comment that states the decision beside the
// chain (`.catch(() => {}); // Ignore cache deletion errors`, `.catch(() => null); // swallow invoke
// errors`, or just above the statement) is best effort by design, as the same comment in a try's catch is
// (catchFacts.ts saysWhy). A comment that only says what the call does (`// Record the audit entry`)
// decides nothing, and the catch stays reported. A chain whose callback only logs is decided only by the
// callback's own text (callbackSaysWhy): there a neighbour's comment, above or beside, decides nothing.

import { escapeRegExp } from '../../escapeRegExp.js';
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { leadingComments } from './catchComments.js';
import { catchOnlyDecision } from './catchDecisionWords.js';
import { BEST_EFFORT, statesDecision } from './catchFacts.js';
import { logLineStatesDecision } from './loggedDecision.js';

/** A statement's container: a chain climbs to the statement that holds it. */
const STATEMENT_LIST = /^(BlockStatement|Program|SwitchCase|StaticBlock)$/;

/**
 * Does a comment stating a decision sit on the lines of the statement that holds the `.catch(...)` call,
 * on the line it ends, or in its own leading comment? On the two lines above it, only BEST_EFFORT's words.
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
  const own = ctx.position(statement.start as number).line;
  const last = ctx.position(call.end as number).line;
  if (statesDecision(leadingComments(ctx, statement))) return true;
  // The two lines above the statement may end a neighbour's chain or catch: only BEST_EFFORT's words count there.
  return ctx.comments.some((c) => {
    const line = ctx.position(c.start).line;
    const text = ctx.source.slice(c.start, c.end);
    return line >= own - 2 && line <= last && (line >= own ? statesDecision(text) : BEST_EFFORT.test(text));
  });
}

/**
 * The inline `.catch` callback itself states the decision, as a try's catch does (catchFacts.ts saysWhy):
 * a comment anywhere in its text, also between its arrow and an expression body (`(err) => // Non-fatal:
 * set it up by hand\n log(err)`), in the words a catch decides with (BEST_EFFORT, and the catch-only
 * reasons of catchDecisionWords.ts judged against the chain's call), or a log line of it in the words of a
 * decision to go on (`log.warn('enqueue failed (non-fatal)')`, loggedDecision.ts). A comment that only says
 * what the step is (`// Record the audit entry`) decides nothing; a named callback counts only when this chain
 * alone uses it (ownCallback): one shared by other chains (`.catch(logError)`) decides nothing for this one.
 *
 * @example
 * // await register().catch((err) => log.warn('auto-register failed (non-fatal)', err));
 * callbackSaysWhy(ctx, catchCall) // -> true
 */
export function callbackSaysWhy(ctx: ModuleContext, call: Node): boolean {
  const fn = ownCallback(ctx, (call.arguments as Node[])[0]);
  if (fn === undefined || !isFunction(fn)) return false;
  const text = ctx.comments
    .filter((c) => c.start >= fn.start && c.end <= fn.end)
    .map((c) => ctx.source.slice(c.start, c.end))
    .join(' ');
  const work = unwrap(unwrap(call.callee)?.object);
  if (statesDecision(text) || (work !== undefined && catchOnlyDecision(ctx, call, work, text))) return true;
  const body = fn.body as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  return statements.some((s) => logLineStatesDecision(s));
}

/**
 * The chain's own callback: inline, or named and used by this chain alone (`const auditFailed = (e) => {
 * // Best effort ... }` then `.catch(auditFailed)`). A named callback the module uses more than once is
 * shared, and its words are not about this chain.
 */
function ownCallback(ctx: ModuleContext, arg: Node | undefined): Node | undefined {
  const fn = unwrap(arg);
  if (fn?.type !== 'Identifier') return fn;
  const uses = ctx.source.match(new RegExp(`(?<![\\w$.])${escapeRegExp(fn.name as string)}(?![\\w$])`, 'g'));
  return (uses?.length ?? 0) === 2 ? ctx.valueOf(fn) : undefined;
}
