// swallowed-error's "acknowledged only on success": a consumer that receives its own queue messages (an SQS
// poller draining a queue on a schedule) and deletes only those that went through. A catch that only logs
// there leaves the failed messages undeleted: the queue redelivers them after the visibility timeout, and
// its redrive policy bounds that. Nothing is lost, so the catch is not reported. Messages handed in by an
// event source (`event.Records`) are different: the event source deletes the whole batch when the
// invocation succeeds, whatever the handler itself deleted.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { lastTextMemo } from '../textMemo.js';

/** The module reads an event source's `Records`: asked once per try, read once per text. */
const recordsText = lastTextMemo((text) => /\.Records\b|\bRecords\s*[:}]/.test(text));

/** A queue message acknowledged: `removeSQSMessages(...)`, `sqs.deleteMessage(...)`, `ack(...)`. */
const ACK_CALL = /^((delete|remove|ack|acknowledge)\w*Messages?|ack|acknowledge|ackAll)$/;
/** The SDK's own: `client.send(new DeleteMessageCommand(...))`, `DeleteMessageBatchCommand`. */
const ACK_COMMAND = /^DeleteMessage(Batch)?Command$/;

function acknowledges(ctx: ModuleContext, call: Node): boolean {
  const name = calleeName(call) ?? '';
  if (ACK_CALL.test(name)) return true;
  if (name !== 'send') return false;
  const command = ctx.valueOf((call.arguments as Node[])[0]);
  return command?.type === 'NewExpression' && ACK_COMMAND.test(unwrap(command.callee)?.name ?? '');
}

/** Names the try fills for later (`done = await work(items)`, `done.push(id)`), declared before it. */
function filledInTry(ctx: ModuleContext, tryStatement: Node): Set<string> {
  const names = new Set<string>();
  const declaredBefore = (name: string, at: Node) => {
    const binding = ctx.resolve(name, at);
    return binding !== undefined && binding.declaration.start < tryStatement.start;
  };
  someDescendant(
    tryStatement.block,
    (n) => {
      const target =
        n.type === 'AssignmentExpression' && n.operator === '='
          ? unwrap(n.left)
          : n.type === 'CallExpression' && calleeName(n) === 'push'
            ? unwrap(unwrap(n.callee)?.object)
            : undefined;
      if (target?.type === 'Identifier' && declaredBefore(target.name as string, n))
        names.add(target.name as string);
      return false;
    },
    true,
  );
  return names;
}

/** Statements after the try, in every block around it up to its function. */
function statementsAfter(ctx: ModuleContext, tryStatement: Node): Node[] {
  const after: Node[] = [];
  for (let n: Node = tryStatement, p = ctx.parentOf(n); p !== undefined; n = p, p = ctx.parentOf(p)) {
    if (isFunction(p)) break;
    if (p.type === 'BlockStatement') {
      const statements = p.body as Node[];
      after.push(...statements.slice(statements.indexOf(n) + 1));
    }
  }
  return after;
}

/**
 * The messages were not handed in by an event source, and the try fills a list of what went through that
 * is the only thing acknowledged after it (`let processed = []; try { processed = await notify(batch) }
 * catch { log } await removeMessages(processed)`, or `done.push(entry)` then a `DeleteMessageBatch` of
 * `done`): a failure leaves its messages in the queue.
 */
export function acknowledgedOnlyOnSuccess(ctx: ModuleContext, tryStatement: Node): boolean {
  if (recordsText(ctx.source)) return false;
  const deleteCall = (s: Node, test: (call: Node) => boolean) =>
    someDescendant(s, (n) => n.type === 'CallExpression' && acknowledges(ctx, n) && test(n), true);
  const filled = filledInTry(ctx, tryStatement);
  if (filled.size === 0) return false;
  const mentions = (n: Node | undefined) =>
    n !== undefined &&
    ((n.type === 'Identifier' && filled.has(n.name as string)) ||
      someDescendant(n, (d) => d.type === 'Identifier' && filled.has(d.name as string)));
  // `removeMessages(processed)`, `{ Entries: done }`, or a command built from them before the send.
  const names = (call: Node) =>
    (call.arguments as Node[]).some((a) => mentions(a) || mentions(ctx.valueOf(a)));
  return statementsAfter(ctx, tryStatement).some((s) => deleteCall(s, names));
}
