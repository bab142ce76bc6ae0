// Which record field a partial batch response's `itemIdentifier` holds. Lambda reads it as the SQS
// `messageId`, or a Kinesis or DynamoDB stream record's sequence number (`kinesis.sequenceNumber`,
// `dynamodb.SequenceNumber`); any other value (a stream record's `eventID`, `shardId-...:seq`) names no record
// and Lambda takes the whole batch as failed. The id is often gathered first into a list of pending ids
// (`const pending = event.Records.map((r) => r.eventID)`) and answered from it later
// (`pending.map((id) => ({ itemIdentifier: id }))`): the field is the one that list was built from.
import { calleeName, isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Array methods whose answer keeps the elements of the array they are called on (order aside). */
const KEEPS_ELEMENTS = new Set(['reverse', 'slice', 'filter', 'concat', 'sort', 'toReversed', 'toSorted']);
/** Array methods that hand each element to their callback's first parameter. */
const VISITS = new Set(['map', 'forEach', 'flatMap', 'filter', 'find', 'some', 'every']);

/** The last field of a member read (`r.kinesis.sequenceNumber` -> `sequenceNumber`). */
function lastField(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  return n?.type === 'MemberExpression' ? propertyName(n.property as Node, n.computed as boolean) : undefined;
}

/** What a one-parameter callback answers: its expression body, or its only `return`'s argument. */
function answerOf(fn: Node): Node | undefined {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return body;
  const statements = body.body as Node[];
  const last = statements.at(-1);
  return statements.length === 1 && last?.type === 'ReturnStatement' ? (last.argument as Node) : undefined;
}

/** The field each element of a list holds, when the list was built as `x.map((r) => r.field)`. */
function elementField(ctx: ModuleContext, list: Node | undefined, depth: number): string | undefined {
  let n = unwrap(list);
  if (n === undefined || depth > 4) return undefined;
  if (n.type === 'Identifier') {
    const b = ctx.resolve(n.name as string, n);
    return b?.kind === 'const' || b?.kind === 'let' ? elementField(ctx, b.init, depth + 1) : undefined;
  }
  // `records.map((r) => r.eventID).reverse()`: the elements of the mapped list, in another order.
  while (n?.type === 'CallExpression' && KEEPS_ELEMENTS.has(calleeName(n) ?? '')) {
    const callee = unwrap(n.callee);
    if (callee?.type !== 'MemberExpression') return undefined;
    n = unwrap(callee.object as Node);
  }
  if (n?.type !== 'CallExpression' || calleeName(n) !== 'map') return undefined;
  const cb = unwrap((n.arguments as Node[])[0]);
  return cb !== undefined && isFunction(cb) ? lastField(answerOf(cb)) : undefined;
}

/**
 * The record field an `itemIdentifier` value is read from: a member read's last field, or, for the
 * parameter of a callback over a list of ids, the field that list was built from.
 * @example
 * // itemIdentifier: record.messageId                                  -> 'messageId'
 * // const ids = event.Records.map((r) => r.eventID).reverse();
 * // ids.map((id) => ({ itemIdentifier: id }))                          -> 'eventID'
 */
export function identifierField(ctx: ModuleContext, value: Node | undefined): string | undefined {
  const v = unwrap(value);
  const direct = lastField(v);
  if (direct !== undefined || v?.type !== 'Identifier') return direct;
  const b = ctx.resolve(v.name as string, v);
  if (b?.kind === 'const') return identifierField(ctx, b.init);
  if (b?.kind !== 'param') return undefined;
  // The first parameter of a callback handed to `ids.map(...)` or another visiting method.
  const fn = ctx.parentOf(b.declaration);
  if (fn === undefined || !isFunction(fn) || (fn.params as Node[])[0] !== b.declaration) return undefined;
  const call = ctx.parentOf(fn);
  const callee = unwrap(call?.callee as Node | undefined);
  if (call?.type !== 'CallExpression' || callee?.type !== 'MemberExpression') return undefined;
  if (!VISITS.has(calleeName(call) ?? '')) return undefined;
  return elementField(ctx, callee.object as Node, 0);
}
