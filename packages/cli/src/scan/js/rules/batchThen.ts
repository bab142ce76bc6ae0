// A batch answer handed straight to a `.then` callback that never reads its failure field
// (`await sqs.send(new SendMessageBatchCommand(...)).then(() => log('re-scheduled'))`): what the chain
// resolves to is the callback's answer, so the batch answer is gone there, as one awaited as a statement
// is. rules/partialBatch.ts reports it.
import { type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { everyLaterReference, onlyPrinted, printedReference } from './batchResultUse.js';
import { isLogCall } from './catchFacts.js';

/**
 * The sent batch (`sent`, the send or the v2 `.promise()` call climbed through `await`) is the object of a
 * `.then` whose callback takes no answer, names one it never reads, or takes it apart without `field`
 * (`.then(({ Successful }) => Successful.length)`). A callback that reads the answer whole or its `field`
 * is looking at the failures; a rest element (`{ ...rest }`) may too. An answer that carries data beside
 * its failure (`dataOnly`: an Invoke's `Payload`, a batch read's `Responses`) is not looked at either when
 * the callback reads it only for other fields (`.then((data) => JSON.parse(data.Payload))`). The chain,
 * with any `.catch` or `.finally` after it, is awaited or returned.
 *
 * @example
 * // await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries })).then(() => log('re-queued'))
 * thenDropsAnswer(ctx, sent, 'Failed') // -> true
 */
export function thenDropsAnswer(
  ctx: ModuleContext,
  sent: { node: Node; parent: Node | undefined },
  field: string,
  dataOnly = false,
): boolean {
  const member = sent.parent;
  if (member?.type !== 'MemberExpression' || member.object !== sent.node) return false;
  if (propertyName(member.property, member.computed as boolean) !== 'then') return false;
  const call = ctx.parentOf(member);
  if (call?.type !== 'CallExpression' || call.callee !== member) return false;
  // A chain nobody awaits or returns is floating-promise's: the whole call's failure is lost there first.
  if (!awaitedOrReturned(ctx, call)) return false;
  const callback = unwrap(call.arguments[0]);
  // `.then(console.log)`: the answer is only printed, and the chain resolves to the log call's undefined.
  if (
    callback?.type === 'MemberExpression' &&
    isLogCall({ type: 'CallExpression', callee: callback, start: callback.start, end: callback.end })
  )
    return true;
  if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return false;
  const answer = (callback.params as Node[])[0];
  if (answer === undefined) return true;
  if (answer.type === 'Identifier') {
    const name = answer.name as string;
    const body = callback.body as Node;
    const reads = (n: Node) => n.type === 'Identifier' && n.name === name;
    // `.then((out) => out)` hands the answer on whole; nested callbacks (`out.Failed.forEach(...)`) read it too.
    if (!dataOnly)
      return (!reads(body) && !someDescendant(body, reads)) || onlyCountedForLog(ctx, body, name);
    return (
      (!reads(body) && !someDescendant(body, (n) => reads(n) && !otherField(ctx, n, field))) ||
      onlyCountedForLog(ctx, body, name)
    );
  }
  if (answer.type !== 'ObjectPattern') return false;
  return (answer.properties as Node[]).every(
    (p) => p.type === 'Property' && propertyName(p.key, p.computed as boolean) !== field,
  );
}

/**
 * Every read of the answer `name` in the callback's block is printed, or counted into a name that is only
 * printed (`const failCount = data.Failed.length; console.log('added', failCount)`): the failed entries
 * are looked at for a log line and then left, as for an answer that is only logged after an `await`.
 * @example
 * // .then((data) => { const failed = data.Failed.length; console.log(`fail: ${failed}`) })
 * onlyCountedForLog(ctx, body, 'data') // true
 */
function onlyCountedForLog(ctx: ModuleContext, body: Node, name: string): boolean {
  if (body.type !== 'BlockStatement') return false;
  return everyLaterReference(body, name, body.start, (r) => {
    if (printedReference(ctx, body, r)) return true;
    // `data.Failed.length` as a whole is the initial value of a name declared here.
    let n = r;
    let p = ctx.parentOf(n);
    while (p?.type === 'MemberExpression' && p.object === n) {
      n = p;
      p = ctx.parentOf(p);
    }
    if (p?.type !== 'VariableDeclarator' || p.init !== n || p.id?.type !== 'Identifier') return false;
    return onlyPrinted(ctx, body, p.id.name as string, p.end);
  });
}

/** `data.Payload`: the reference is read only for a named field other than `field`. */
function otherField(ctx: ModuleContext, reference: Node, field: string): boolean {
  // Through a TypeScript cast or a paren (`(data as any).Payload`, `data!.Payload`).
  let read = reference;
  let member = ctx.parentOf(read);
  while (member !== undefined && member.expression === read && unwrap(member) === unwrap(read)) {
    read = member;
    member = ctx.parentOf(read);
  }
  if (member?.type !== 'MemberExpression' || member.object !== read) return false;
  const key = propertyName(member.property, member.computed as boolean);
  return key !== undefined && key !== field;
}

/** Promise methods a chain goes on through. */
const CHAIN = new Set(['then', 'catch', 'finally']);

/** The chain `call` starts (`.then(...).catch(...)`) is awaited or returned as a whole. */
function awaitedOrReturned(ctx: ModuleContext, call: Node): boolean {
  let at = call;
  for (;;) {
    const member = ctx.parentOf(at);
    const next = member?.type === 'MemberExpression' ? ctx.parentOf(member) : undefined;
    if (next?.type !== 'CallExpression' || next.callee !== member) break;
    if (!CHAIN.has(propertyName(member?.property, member?.computed as boolean) ?? '')) break;
    at = next;
  }
  const parent = ctx.climb(at, (p) => p.type === 'ParenthesizedExpression').parent;
  return parent?.type === 'AwaitExpression' || parent?.type === 'ReturnStatement';
}
