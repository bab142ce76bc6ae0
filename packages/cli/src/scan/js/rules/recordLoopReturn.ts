// swallowed-error: a catch inside an entry handler's loop over its event's records (`for (const record of
// event.Records)`) that logs and `return`s. The return leaves the handler, not the record: every later
// record of the batch is never processed, and since the handler resolves, Lambda takes the whole batch
// (a stream's shard position, a queue's messages) as done. Whatever the try did, a parse or a call to
// another system, the records after it are lost; `continue` would have skipped only the one that failed.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';
import { isLevelledLog } from './levelledLog.js';
import type { Report } from './Report.js';

const LOOPS = new Set([
  'ForOfStatement',
  'ForStatement',
  'ForInStatement',
  'WhileStatement',
  'DoWhileStatement',
]);

/** A statement that records this record's outcome for a log or a summary: `results[key] = 'failed'`, `failed += 1`. */
function recordsOutcome(statement: Node): boolean {
  const e = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
  if (e?.type === 'UpdateExpression') return true;
  if (e?.type !== 'AssignmentExpression') return false;
  return !someDescendant(e.right as Node, (n) => n.type === 'AwaitExpression' || n.type === 'CallExpression');
}

/** The loop iterates the handler's event records: `event.Records`, directly or by index. */
function overEventRecords(ctx: ModuleContext, loop: Node, fn: Node): boolean {
  const event = unwrap((fn.params as Node[])[0]);
  if (event?.type !== 'Identifier') return false;
  const head =
    loop.type === 'ForOfStatement' || loop.type === 'ForInStatement'
      ? (loop.right as Node)
      : ((loop.test as Node | null) ?? undefined);
  if (head == null) return false;
  const text = ctx.source.slice(head.start, head.end);
  return new RegExp(`\\b${event.name as string}\\s*(\\?\\.|\\.)\\s*Records\\b`).test(text);
}

/**
 * Reports the catch when it sits in a loop over the entry handler's `event.Records` (in the handler's own
 * body), and only observes or records the outcome before a `return` that hands back no failure list.
 * True when reported.
 *
 * @example
 * // exports.handler = async (event) => { for (const r of event.Records) { try { JSON.parse(...) } catch (e) { log(e); return; } } }
 * recordLoopReturn(ctx, catchClause, report) // -> true
 */
export function recordLoopReturn(ctx: ModuleContext, clause: Node, report: Report): boolean {
  const statements = (clause.body as Node).body as Node[];
  const last = statements.at(-1);
  if (last?.type !== 'ReturnStatement') return false;
  if (/batchItemFailures|itemIdentifier/.test(ctx.source.slice(last.start, last.end))) return false;
  if (!statements.slice(0, -1).every((s) => isObservation(s) || isLevelledLog(s) || recordsOutcome(s)))
    return false;
  const fn = ctx.enclosingFunction(clause);
  if (fn === undefined || ctx.handlers.get(fn) !== 'entry') return false;
  for (let at = ctx.parentOf(clause); at !== undefined && at !== fn; at = ctx.parentOf(at)) {
    if (!LOOPS.has(at.type)) continue;
    if (!overEventRecords(ctx, at, fn)) return false;
    report(
      'swallowed-error',
      clause,
      "catch logs and returns from the handler inside its loop over the event's records: every later record of the batch is never processed, and the handler resolves, so Lambda takes the whole batch as done",
    );
    return true;
  }
  return false;
}
