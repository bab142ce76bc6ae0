// batch-no-partial-failure for a handler that hands its whole event to a decoder of the project's own
// (`const decoded = await eventDecoder.decodeRecordsFromEvent(event)`): its own code never names a
// record, so the module alone cannot tell it consumes a batch. The decoder's module can: it reads
// `event.Records` and a field only queue or stream records carry (ExportFact.batchEvent). The finding is
// kept when one of the functions the handler hands its event to is such a decoder.
import { isFunction, type Node, propertyName, unwrap } from '../ast.js';
import { importedInstanceMethod, namespaceMember } from '../asyncMethods.js';
import type { DecoderRef } from '../Candidate.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { receiverClass } from '../memberClass.js';
import { namedRecordCallbackReadsPolled } from '../recordCallbacks.js';
import { someBelow } from '../subtreeIndex.js';

/** Words of a partial batch answer, built by hand or by Powertools. */
export const PARTIAL_ANSWER = /\b(batchItemFailures|itemIdentifier|processPartialResponse|BatchProcessor)\b/;

/** `["Records"]`, `?.['Records']`, `?.Records`: the records field read with a string key or optional chaining. */
const SPELLED_RECORDS = /(?:\?\.)?\[\s*(['"`])Records\1\s*\]|\?\.Records\b/g;

/** Fields only SQS records (body, ids) or stream records (kinesis, dynamodb) carry. */
const RECORD_FIELDS = /\.(body|messageId|receiptHandle|kinesis|dynamodb)\b/;

/**
 * The function reads a queue or stream batch from its first parameter: `event.Records` and a record field.
 *
 * @example
 * readsBatchEvent(ctx, fn) // (event) => event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64')) -> true
 */
export function readsBatchEvent(ctx: ModuleContext, fn: Node, key = 'event'): boolean {
  if (!isFunction(fn)) return false;
  const event = eventParam(fn, key);
  if (event === undefined) return false;
  // `event["Records"]`, `event?.Records` read as `event.Records`: the same field, spelled another way.
  const text = ctx.source.slice(fn.start, fn.end).replace(SPELLED_RECORDS, '.Records');
  const records = `${event}.Records`;
  if (!text.includes(records) || /\.(s3|Sns|cf)\b/.test(text)) return false;
  // The field may be read by a function of the module each record is handed to (`decodeJson(r)`).
  if (!RECORD_FIELDS.test(text) && !namedRecordCallbackReadsPolled(ctx, fn)) return false;
  // A function that answers partial failures itself.
  if (PARTIAL_ANSWER.test(text)) return false;
  // Only ever `event.Records[0]`: written for a one-record batch (often asserted: `Records.length > 1` throws).
  return text
    .split(records)
    .slice(1)
    .some((after) => !/^\s*\[\s*0\s*\]/.test(after));
}

/**
 * The name a function takes its event by: its first parameter, or the `key` field (`event` unless named)
 * of an options object it destructures (`({ event, context }) => ...`, a decoder handed both by a handler).
 */
export function eventParam(fn: Node, key = 'event'): string | undefined {
  const first = (fn.params as Node[])[0];
  if (first?.type === 'Identifier') return first.name as string;
  if (first?.type !== 'ObjectPattern') return undefined;
  for (const p of first.properties as Node[]) {
    if (p.type !== 'Property' || p.computed === true || p.key?.name !== key) continue;
    const value = p.value?.type === 'AssignmentPattern' ? p.value.left : p.value;
    return value?.type === 'Identifier' ? (value.name as string) : undefined;
  }
  return undefined;
}

export type { DecoderRef };

/**
 * How the argument carries the event: '' when it is the event, the property's key when an object literal
 * holds it (`decode({ sqsEvent: event, context })` -> 'sqsEvent'), undefined when it does not.
 */
export function carriesEvent(arg: Node | undefined, event: string): string | undefined {
  const a = unwrap(arg);
  if (a?.type === 'Identifier') return a.name === event ? '' : undefined;
  if (a?.type !== 'ObjectExpression') return undefined;
  for (const p of a.properties as Node[])
    if (p.type === 'Property' && unwrap(p.value)?.name === event)
      return propertyName(p.key, p.computed as boolean);
  return undefined;
}

/**
 * The project functions a function hands its event to whole (`decode(event)`, `decoder.decode(event)` of a
 * required module, `Dto.parseEvent(event)` of an imported class or object, `model.getRecords(event)` of an
 * instance of an imported class), for the project pass to ask whether one reads a batch from it. A handler
 * returning the call's answer is left out (it may answer the failed records); a method forwarding its
 * event (`forwarding`) keeps it: its answer is what the handler reads.
 */
export function eventDecoders(ctx: ModuleContext, fn: Node, forwarding = false): DecoderRef[] {
  const event = forwarding ? eventParam(fn) : undefined;
  const first = (fn.params as Node[])[0];
  const name = event ?? (first?.type === 'Identifier' ? (first.name as string) : undefined);
  if (name === undefined) return [];
  const refs: DecoderRef[] = [];
  someBelow(fn.body as Node, ['CallExpression'], (n) => {
    const key = (n.arguments as Node[]).map((a) => carriesEvent(a, name)).find((k) => k !== undefined);
    if (key === undefined) return false;
    // `return decode(event)`: the decoder's answer is the handler's, and may name the failed records.
    const up = ctx.climb(n, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');
    if (!forwarding && up.parent?.type === 'ReturnStatement') return false;
    if (!forwarding && up.parent !== undefined && isFunction(up.parent) && up.parent.body === up.node)
      return false;
    const ref = decoderRef(ctx, n.callee);
    if (ref !== undefined) refs.push(key === '' ? ref : { ...ref, key });
    return false;
  });
  return refs;
}

/** The project export (and member) a call's callee names, if it is one. */
export function decoderRef(ctx: ModuleContext, callee: Node | undefined): DecoderRef | undefined {
  const c = unwrap(callee);
  if (c?.type === 'Identifier') {
    const imp = ctx.importOf(c.name as string, c);
    if (imp === undefined || imp.imported === '*' || !mayBeProjectSource(imp.source)) return undefined;
    return { from: ctx.file, source: imp.source, name: imp.imported };
  }
  const member = namespaceMember(ctx, c);
  if (member !== undefined) return { from: ctx.file, ...member };
  const instance = importedInstanceMethod(ctx, c);
  if (instance !== undefined && mayBeProjectSource(instance.source)) return { from: ctx.file, ...instance };
  // `this.dto.getRecords(event)`, `dto.parse(event)` of a parameter typed by an imported class (memberClass.ts).
  const owner = c?.type === 'MemberExpression' ? receiverClass(ctx, c.object as Node) : undefined;
  const called = c?.type === 'MemberExpression' ? propertyName(c.property, c.computed as boolean) : undefined;
  if (owner?.kind === 'import' && called !== undefined && mayBeProjectSource(owner.source))
    return { from: ctx.file, source: owner.source, name: owner.name, method: called };
  // `Dto.parseEvent(event)`: a static method of an imported class, or a function of an imported object;
  // `new Service().save(event)`: a method of an instance made inline.
  const made = c?.type === 'MemberExpression' ? unwrap(c.object as Node) : undefined;
  const object = made?.type === 'NewExpression' ? unwrap(made.callee as Node) : made;
  const method = c?.type === 'MemberExpression' ? propertyName(c.property, c.computed as boolean) : undefined;
  if (object?.type !== 'Identifier' || method === undefined) return undefined;
  const imp = ctx.importOf(object.name as string, object);
  if (imp === undefined || imp.imported === '*' || !mayBeProjectSource(imp.source)) return undefined;
  return { from: ctx.file, source: imp.source, name: imp.imported, method };
}
