// random-id-nondeterministic for a FIFO message whose deduplication is left to its content: a send or
// publish with a `MessageGroupId` (so a FIFO queue or topic) and no `MessageDeduplicationId` is accepted
// only with content-based deduplication, which hashes the body. A body stamped with the time of sending
// (`message.timestamp = new Date()`, `{ ...event, sentAt: Date.now() }`) or a fresh id hashes differently
// on every attempt, so a consumer that is redelivered and sends it again publishes a duplicate that the
// queue or topic cannot recognise, and every subscriber handles it twice.
import { memberPath, type Node, objectProps, propertyName, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';
import { randomCallIn } from './randomValues.js';

/** `new Date()` (no argument: now), `Date.now()`, or a random call: different on every attempt. */
function fresh(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  const v = unwrap(value);
  if (v === undefined) return undefined;
  let found: Node | undefined;
  someDescendant({ type: 'Wrap', start: v.start, end: v.end, v } as Node, (n) => {
    if (
      n.type === 'NewExpression' &&
      unwrap(n.callee)?.name === 'Date' &&
      (n.arguments as Node[]).length === 0
    )
      found = n;
    else if (n.type === 'CallExpression' && memberPath(n.callee)?.join('.') === 'Date.now') found = n;
    return found !== undefined;
  });
  return found ?? randomCallIn(ctx, v);
}

/**
 * Where the body `JSON.stringify(x)` gets a fresh value: a property of the object literal `x` is (or
 * `x` names), or a `x.field = new Date()` written before the send in the same function.
 */
function freshInBody(ctx: ModuleContext, body: Node | undefined, send: Node): Node | undefined {
  const call = ctx.valueOf(body);
  if (call?.type !== 'CallExpression' || memberPath(call.callee)?.join('.') !== 'JSON.stringify')
    return undefined;
  const arg = unwrap((call.arguments as Node[])[0]);
  const literal = ctx.valueOf(arg);
  if (literal?.type === 'ObjectExpression')
    for (const p of literal.properties as Node[]) {
      if (p.type !== 'Property') continue;
      const at = fresh(ctx, p.value as Node);
      if (at !== undefined) return at;
    }
  if (arg?.type !== 'Identifier') return undefined;
  const fn = ctx.enclosingFunction(send);
  if (fn === undefined) return undefined;
  let found: Node | undefined;
  someDescendant(fn, (n) => {
    if (n.type !== 'AssignmentExpression' || n.start > send.start) return false;
    const target = unwrap(n.left as Node);
    if (target?.type !== 'MemberExpression' || unwrap(target.object as Node)?.name !== arg.name) return false;
    found = fresh(ctx, n.right as Node);
    return found !== undefined;
  });
  return found;
}

/** In a redelivered consumer's handler path, or in a module with no handler that such a consumer reaches. */
export function fifoContentDedupRule(ctx: ModuleContext, report: Report, consumer: boolean): void {
  if (!ctx.spells('MessageGroupId')) return;
  const shared = ctx.handlers.size === 0;
  if (!consumer && !shared) return;
  for (const group of ctx.of('Property')) {
    if (propertyName(group.key, group.computed) !== 'MessageGroupId') continue;
    const send = ctx.parentOf(group);
    const props = objectProps(send);
    if (send === undefined || props === undefined || props.spread) continue;
    if (props.props.has('MessageDeduplicationId')) continue;
    if (!shared && ctx.handlerKindAt(send) === undefined) continue;
    const body = props.props.get('Message') ?? props.props.get('MessageBody');
    const at = freshInBody(ctx, body, send);
    if (at === undefined) continue;
    const key = (send.properties as Node[]).some(
      (p) => p.type === 'Property' && propertyName(p.key, p.computed) === 'MessageBody',
    )
      ? 'MessageBody'
      : 'Message';
    report(
      'random-id-nondeterministic',
      at,
      `a FIFO message with no MessageDeduplicationId is deduplicated on its content, and its ${key} carries a value made afresh per attempt ${shared ? 'in code a retried consumer reaches' : 'in a queue consumer'}: a redelivery publishes a duplicate the queue cannot recognise`,
      shared ? { onlyIfConsumerCaller: sharedRequest(ctx, send) } : undefined,
    );
  }
}
