// promise-all-no-partial beyond batches: an asynchronously invoked handler with no batch of its own (a
// schedule, an S3 notification) that fans sends out over a collection it loaded (`users.map(send)` under
// `Promise.all`). The first failed send rejects the run; Lambda retries an async invocation twice, and the
// retry sends again to every item the failed run had already served (a second digest, a duplicate row).
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Types of an asynchronously invoked event that carries no batch: a schedule, an S3 notification. */
const ASYNC_JOB_EVENT = /\b(ScheduledHandler|ScheduledEvent|S3Event|S3Handler)\b/;

/** Types of a batch consumer: their fan-outs are judged as batches. */
const BATCH_EVENT = /\b(SQS(Event|Handler)|DynamoDBStream(Event|Handler)|Kinesis(Stream)?(Event|Handler))\b/;

/**
 * A send of one message: an SQS/SNS/SES/EventBridge command, or a call named for it (`sendMessage(...)`,
 * `publishEvent(...)`, `queueRow(...)`, `topic.publish(...)`).
 */
const SENDS =
  /\bnew (SendMessage|SendMessageBatch|Publish|PublishBatch|SendEmail|SendRawEmail|SendTemplatedEmail|PutEvents)Command\b|\b(send|publish|enqueue|queue)[A-Z]\w*\s*\(|\.(publish|sendMessage|sendEmail|putEvents)\s*\(/;

/** Does the module hold a handler of an asynchronously invoked, batch-less event (checked on its text)? */
export function asyncJobModule(ctx: ModuleContext): boolean {
  return (
    ctx.testSpelled(ASYNC_JOB_EVENT, ['ScheduledHandler', 'ScheduledEvent', 'S3Event', 'S3Handler']) &&
    !BATCH_EVENT.test(ctx.source)
  );
}

/**
 * Does the per-item callback send a message, itself or through a function of the module it calls (one
 * step: `rows.map((row) => queueRow(row))` with `queueRow` sending the SQS command)?
 */
export function sendsPerItem(ctx: ModuleContext, cb: Node): boolean {
  const body = cb.body as Node | undefined;
  if (body === undefined) return false;
  if (SENDS.test(ctx.source.slice(body.start, body.end))) return true;
  return someDescendant(body, (n) => {
    if (n.type !== 'CallExpression' || unwrap(n.callee)?.type !== 'Identifier') return false;
    const fn = ctx.functionOf(n.callee);
    const inner = fn?.body as Node | undefined;
    return inner !== undefined && inner !== body && SENDS.test(ctx.source.slice(inner.start, inner.end));
  });
}

/**
 * Is `call` on the handler's path: in handler code, or in a function of the module that handler code hands
 * on by name (`event.Records.map(loadFile)`: a callback, which the handler's same-file helpers do not
 * include since it is never called by name)?
 */
export function onJobPath(ctx: ModuleContext, call: Node): boolean {
  if (ctx.handlerKindAt(call) !== undefined) return true;
  const fn = ctx.enclosingFunction(call);
  if (fn === undefined) return false;
  return ctx
    .of('CallExpression')
    .some(
      (c) =>
        ctx.handlerKindAt(c) !== undefined &&
        (c.arguments as Node[]).some((a) => unwrap(a)?.type === 'Identifier' && ctx.functionOf(a) === fn),
    );
}
