// A record a shared helper builds and hands back for its caller to store: `toPriceRow = (p) => ({ id: getUuid(), ... })`,
// `rows.map((r) => ({ id: uuidv4(), ... }))`, `out.push({ id: uuidv4(), ... }); return out`. The write is in another
// function or module (`saveAll(mapped)`, `PUT /chapters/{id}`), so the key rules that read a written row
// (`Item: { id }`, `repo.save({ id })`) never see the id; the caller stores whatever id the helper made, and a
// redelivered message that runs the helper again stores the same record under a second id. Asked only in a module
// with no handler, whose findings are kept when a redelivered or retried consumer reaches the function
// (onlyIfConsumerCaller): a mapper an HTTP route alone calls names a new entity whose id its client gets back.
import { calleeName, isFunction, type Node, propertyName, unwrap, WRAPPERS } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { traceIdKey } from './emittedIds.js';

/** Nodes an object literal may sit in and still be part of the value handed back (`[{...}, {...}]`, `{ row: {...} }`). */
const CONTAINER = new Set(['ArrayExpression', 'ObjectExpression', 'Property']);

/** The outermost value `object` is part of: up through array elements, nested objects and type wrappers. */
function outermost(ctx: ModuleContext, object: Node): Node {
  let at = object;
  for (let p = ctx.parentOf(at); p !== undefined; p = ctx.parentOf(at)) {
    if (!CONTAINER.has(p.type as string) && !WRAPPERS.has(p.type as string)) break;
    // A property's key is not a value: only climb from the value side.
    if (p.type === 'Property' && p.value !== at) break;
    at = p;
  }
  return at;
}

/** Fields of an SQS/SNS batch entry (`SendMessageBatch`, `PublishBatch`), whose `Id` only pairs the entry with its result. */
const BATCH_ENTRY_FIELD =
  /^(MessageBody|Message|MessageAttributes|MessageGroupId|MessageDeduplicationId|DelaySeconds|Subject|MessageStructure|ReceiptHandle|VisibilityTimeout)$/;

/**
 * A batch entry's `Id`: the object carries a batch entry's fields, or the module hands something to `Entries`
 * (`Entries: xs.map(...)`, `Entries: entries`), whatever the callback's form. The entry is sent, not stored.
 */
function batchEntryId(ctx: ModuleContext, name: string, object: Node): boolean {
  if (name !== 'Id') return false;
  const fields = (object.properties as Node[]).map((p) =>
    p.type === 'Property' ? propertyName(p.key, p.computed) : '',
  );
  return fields.some((f) => BATCH_ENTRY_FIELD.test(f ?? '')) || /\bEntries\s*:/.test(ctx.source);
}

/**
 * The record's own key: `id` (`_id`, `Id`, `ID`), or the id-like attribute it leads with (`{ order_id: orderId, ... }`).
 * Another id it carries (`{ ...item, notifyMessageId: randomUUID() }`, an event's `eventId` beside the input it
 * spreads) names something else, a stand-in or a descriptive attribute, and may never be a key of what is stored.
 * Not a trace or correlation id (traceIdKey, as for an emitted payload), not a batch entry's `Id`, and not a key a
 * later spread may override (`{ id: uuidv4(), ...x }`: `x.id` wins when it has one).
 */
function ownKey(ctx: ModuleContext, prop: Node, object: Node): boolean {
  const name = propertyName(prop.key, prop.computed) ?? '';
  const properties = object.properties as Node[];
  if (traceIdKey(name) || batchEntryId(ctx, name, object)) return false;
  if (properties.slice(properties.indexOf(prop) + 1).some((p) => p.type === 'SpreadElement')) return false;
  if (/^(_?id|Id|ID)$/.test(name)) return true;
  return properties[0] === prop;
}

/** An id made by a call or held by a const (`id: uuidv4()`, `oppId`), not a function or another object's field. */
function madeHere(id: Node | undefined): boolean {
  const v = unwrap(id);
  return v?.type === 'CallExpression' || v?.type === 'Identifier' || v?.type === 'TemplateLiteral';
}

/** A mapper's answer kept as a value: the function itself is named, or the call it is handed to is kept or returned. */
function keptAnswer(ctx: ModuleContext, fn: Node): boolean {
  const at = ctx.parentOf(fn);
  if (at?.type !== 'CallExpression') return at?.type === 'VariableDeclarator';
  const kept = ctx.climb(at, (p) => WRAPPERS.has(p.type as string) || p.type === 'AwaitExpression').parent;
  // `const rows = xs.map(...)` counts only when the function returns `rows`, as a push target must be returned.
  if (kept?.type === 'VariableDeclarator') {
    const id = unwrap(kept.id as Node);
    const outer = ctx.enclosingFunction(kept);
    return id?.type === 'Identifier' && outer !== undefined && returnsName(ctx, outer, id.name as string);
  }
  return kept?.type === 'ReturnStatement' || isFunction(kept);
}

/** Does `fn` return the local `name` (`return allSegments`, `return Object.values(result)`)? A cheap text test. */
function returnsName(ctx: ModuleContext, fn: Node, name: string): boolean {
  const body = ctx.source.slice(fn.start as number, fn.end as number);
  return new RegExp(`\\breturn\\s+(?:[\\w.]+\\()?${name}\\b(?![.[])`).test(body);
}

/**
 * Is the object literal `object` (holding a random id) a record the function around it hands back: returned, an
 * arrow's body, the answer of a `.map` callback, or pushed into (or set on) a local the function returns?
 */
export function returnedRecord(ctx: ModuleContext, prop: Node): boolean {
  const object = ctx.parentOf(prop);
  if (object?.type !== 'ObjectExpression' || !madeHere(prop.value) || !ownKey(ctx, prop, object))
    return false;
  const value = outermost(ctx, object);
  const parent = ctx.parentOf(value);
  if (parent === undefined) return false;
  const fn = ctx.enclosingFunction(value);
  if (fn === undefined) return false;
  // An async function that returns an object has done its work by then: `return { item, oppId }` after the
  // write is the write's result, not a record for the caller to store. A builder or mapper is synchronous.
  if (parent.type === 'ReturnStatement') return fn.async !== true;
  // `(p) => ({ ... })`: the arrow's body is its answer, kept as a value (`const rows = xs.map(...)`), not
  // an API's parameter built in place (`Entries: xs.map((x) => ({ Id: uuid() }))`, a batch entry id).
  if (isFunction(parent) && parent.body === value) return parent.async !== true && keptAnswer(ctx, parent);
  // `out.push({ ... })` then `return out`.
  if (parent.type === 'CallExpression' && calleeName(parent) === 'push') {
    const target = unwrap(unwrap(parent.callee as Node)?.object as Node | undefined);
    return target?.type === 'Identifier' && returnsName(ctx, fn, target.name as string);
  }
  // `result[key] = { ... }` then `return result` (or `return Object.values(result)`).
  if (parent.type === 'AssignmentExpression' && parent.right === value) {
    const left = unwrap(parent.left as Node);
    const target = left?.type === 'MemberExpression' ? unwrap(left.object as Node) : undefined;
    return target?.type === 'Identifier' && returnsName(ctx, fn, target.name as string);
  }
  return false;
}
