// swallowed-error: a catch inside an entry handler's loop over its event's records (`for (const record of
// event.Records)`) that logs and `return`s. The return leaves the handler, not the record: every later
// record of the batch is never processed, and since the handler resolves, Lambda takes the whole batch
// (a stream's shard position, a queue's messages) as done. Whatever the try did, a parse or a call to
// another system, the records after it are lost; `continue` would have skipped only the one that failed.
// Only polled batches (SQS, Kinesis, DynamoDB streams) count: an SNS or S3 event carries one record.
import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { POLLED_FIELDS } from '../recordCallbacks.js';
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

const STREAM_FIELDS = new Set(['kinesis', 'dynamodb']);

/**
 * What the handler's batch is: `stream` (Kinesis, DynamoDB: a failure list checkpoints at its lowest
 * entry), `queue` (SQS: only the listed messages come back), or undefined when not polled (SNS, S3).
 * Read from the event's type annotation (the parameter's, or the handler variable's `SQSHandler`), else
 * from the record fields the loop reads.
 */
function batchKind(ctx: ModuleContext, loop: Node, fn: Node): 'stream' | 'queue' | undefined {
  const param = (fn.params as Node[])[0];
  const parent = ctx.parentOf(fn);
  const declared = [
    param?.typeAnnotation,
    parent?.type === 'VariableDeclarator' ? parent.id?.typeAnnotation : undefined,
  ]
    .filter((t): t is Node => t != null)
    .map((t) => ctx.source.slice(t.start, t.end))
    .join(' ');
  if (/\b(Kinesis|DynamoDBStream)\w*/.test(declared)) return 'stream';
  if (/\bSQS\w*/.test(declared)) return 'queue';
  if (/\b[A-Z]\w*(Event|Handler)\b/.test(declared)) return undefined;
  const text = ctx.source.slice(loop.start, loop.end);
  const read = (fields: string[]) => new RegExp(`\\??\\.\\s*(${fields.join('|')})\\b`).test(text);
  if (read([...STREAM_FIELDS])) return 'stream';
  if (read([...POLLED_FIELDS].filter((f) => !STREAM_FIELDS.has(f)))) return 'queue';
  return undefined;
}

/**
 * The return fails the invocation or hands back the failure: `return Promise.reject(error)`,
 * `return callback(error)`, `return context.fail(e)` (its argument mentions the caught error or rejects).
 */
function failsInvocation(clause: Node, argument: Node | null | undefined): boolean {
  if (argument == null) return false;
  const caught = unwrap(clause.param as Node | null | undefined);
  if (
    caught?.type === 'Identifier' &&
    someDescendant(argument, (n) => n.type === 'Identifier' && n.name === caught.name)
  )
    return true;
  return someDescendant(
    argument,
    (n) =>
      n.type === 'CallExpression' &&
      n.callee?.type === 'MemberExpression' &&
      n.callee.object?.type === 'Identifier' &&
      n.callee.object.name === 'Promise' &&
      n.callee.property?.name === 'reject',
  );
}

/** A statement that adds this record to the failure list: `failures.push({ itemIdentifier: ... })`. */
function addsFailure(ctx: ModuleContext, statement: Node): boolean {
  const e = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
  const callee = e?.type === 'CallExpression' ? unwrap(e.callee as Node) : undefined;
  return (
    callee?.type === 'MemberExpression' &&
    callee.property?.name === 'push' &&
    /\bitemIdentifier\b/.test(ctx.source.slice(e!.start, e!.end))
  );
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
  return new RegExp(`\\b${escapeRegExp(event.name as string)}\\s*(\\?\\.|\\.)\\s*Records\\b`).test(text);
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
  if (failsInvocation(clause, last.argument as Node | null)) return false;
  const answer = ctx.source.slice(last.start, last.end);
  const listsFailures = /batchItemFailures|itemIdentifier/.test(answer);
  // Every unprocessed record listed (`event.Records.slice(i)`) comes back, whatever the source.
  if (listsFailures && /\.\s*slice\s*\(/.test(answer)) return false;
  const before = statements.slice(0, -1);
  if (!before.every((s) => isObservation(s) || isLevelledLog(s) || recordsOutcome(s) || addsFailure(ctx, s)))
    return false;
  const fn = ctx.enclosingFunction(clause);
  if (fn === undefined || ctx.handlers.get(fn) !== 'entry') return false;
  for (let at = ctx.parentOf(clause); at !== undefined && at !== fn; at = ctx.parentOf(at)) {
    if (!LOOPS.has(at.type)) continue;
    if (!overEventRecords(ctx, at, fn)) return false;
    const kind = batchKind(ctx, at, fn);
    if (kind === undefined) return false;
    // A stream checkpoints at the lowest listed failure and replays the rest; a queue deletes every
    // message not listed, so a list of only this record loses the later ones.
    if (listsFailures && kind === 'stream') return false;
    report(
      'swallowed-error',
      clause,
      listsFailures
        ? "catch logs and returns from the handler inside its loop over the queue's messages with a failure list that leaves out the later ones: SQS deletes every message not listed, so the unprocessed rest is lost"
        : "catch logs and returns from the handler inside its loop over the event's records: every later record of the batch is never processed, and the handler resolves, so Lambda takes the whole batch as done",
    );
    return true;
  }
  return false;
}
