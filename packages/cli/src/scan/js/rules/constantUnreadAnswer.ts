// swallowed-error: a handler's catch that only logs the failed I/O and returns a fixed scalar (`return
// "Could not process records"`, `return 'error'`): a message in place of the work's answer. An API's client
// would read it; a stream, a queue, a schedule or an asynchronous source reads no answer, so the failed run
// resolves as a success and its records are taken for processed. Held, as a failure answered as a value is,
// until a template wires the handler (or the entry whose answer this function is) to such an invoker
// (unreadFailureAnswer.ts, `onlyIfAnswerUnread`).
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import type { Report } from './Report.js';
import { unreadFailureAnswer } from './unreadFailureAnswer.js';

/** A string, number or boolean written out, or a template with nothing interpolated. */
function fixedScalar(value: Node | null | undefined): boolean {
  const v = unwrap(value);
  if (v?.type === 'Literal') return ['string', 'number', 'boolean'].includes(typeof v.value);
  return v?.type === 'TemplateLiteral' && (v.expressions as Node[]).length === 0;
}

/**
 * The catch observes the error of I/O and returns a fixed scalar as its last statement, in an entry
 * handler or a module-local function whose answer the entry returns: reported for the templates to hold.
 * True when reported.
 *
 * @example
 * // exports.handler = (e) => run(e); const run = async (e) => { try { await put(e) } catch (err) { log(err); return 'failed' } }
 * constantUnreadAnswer(ctx, handler, true, report) // -> true, kept if a stream or a queue invokes handler
 */
export function constantUnreadAnswer(
  ctx: ModuleContext,
  handler: Node,
  io: boolean,
  report: Report,
): boolean {
  const statements = (handler.body as Node).body as Node[];
  const last = statements.at(-1);
  if (!io || last?.type !== 'ReturnStatement' || !fixedScalar(last.argument as Node | null)) return false;
  if (!statements.slice(0, -1).every((s) => isObservation(s))) return false;
  return unreadFailureAnswer(ctx, handler, report);
}
