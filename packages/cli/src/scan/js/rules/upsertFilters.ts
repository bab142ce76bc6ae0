// A MongoDB upsert whose filter carries a value made per attempt (`createdAt: new Date()`, a fresh id):
// the filter never matches what the first delivery wrote, so `upsert: true` inserts again on every
// redelivery. It reads like an idempotent write and is a plain insert (insert-no-upsert).
import { calleeName, isBooleanLiteral, type Node, objectProps, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { ConsumerView } from '../wiredConsumer.js';
import { clockValue, dayLevelClock, dayOnly } from './clockValues.js';
import type { Report } from './Report.js';
import { randomCallIn } from './randomValues.js';
import { scheduledOnly } from './sqlParamKeys.js';

/** Collection methods that take `(filter, update, { upsert })`. */
const UPSERT_CALL = /^(updateOne|updateMany|replaceOne|findOneAndUpdate|findOneAndReplace)$/;

/**
 * The property of `filter` whose value is made per attempt, looking into spreads of objects built in the
 * module (`{ ...record }` with `const record = { sku, createdAt: new Date() }`) one step deep.
 */
function perAttemptField(ctx: ModuleContext, filter: Node | undefined, depth = 0): Node | undefined {
  const object = unwrap(ctx.valueOf(filter));
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const p of object.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      const inner = depth === 0 ? perAttemptField(ctx, p.argument as Node, 1) : undefined;
      if (inner !== undefined) return inner;
    } else if (p.type === 'Property' && scalarMadeNow(ctx, p.value as Node)) return p;
  }
  return undefined;
}

/**
 * A value equal to the time of this attempt. A query operator (`{ $gt: new Date() }`) is a range a
 * redelivery still falls in, and the clock cut to the day (`new Date().toISOString().slice(0, 10)`,
 * `dayjs().format('YYYY-MM-DD')`) is the same value on a redelivery that day. A random id in a filter
 * (`{ eventId: randomUUID() }`) is random-id-nondeterministic's, as both rule texts say.
 */
function scalarMadeNow(ctx: ModuleContext, value: Node): boolean {
  if (unwrap(ctx.valueOf(value))?.type === 'ObjectExpression') return false;
  const made = randomCallIn(ctx, value);
  return clockValue(ctx, made) && !dayLevelClock(ctx, made) && !dayOnly(ctx, made as Node);
}

/** The filters of the module's upserts: `coll.updateOne(filter, update, { upsert: true })` and bulkWrite's `{ updateOne: { filter, upsert: true } }`. */
function upsertFilters(ctx: ModuleContext): Node[] {
  const filters: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (!UPSERT_CALL.test(calleeName(call) ?? '')) continue;
    const [filter, , options] = call.arguments as Node[];
    if (
      isBooleanLiteral(objectProps(ctx.valueOf(options))?.props.get('upsert'), true) &&
      filter !== undefined
    )
      filters.push(filter);
  }
  for (const prop of ctx.of('Property')) {
    const key = unwrap(prop.key as Node);
    if (key?.type !== 'Identifier' || !UPSERT_CALL.test(key.name as string)) continue;
    const op = objectProps(prop.value as Node)?.props;
    const filter = op?.get('filter');
    if (filter !== undefined && isBooleanLiteral(op?.get('upsert'), true)) filters.push(filter);
  }
  return filters;
}

/**
 * Reports the field of an upsert's filter made per attempt: `createdAt: new Date()` in
 * `coll.updateOne({ sku, createdAt: new Date() }, update, { upsert: true })`, in bulkWrite's
 * `{ updateOne: { filter, upsert: true } }`, or in a spread record built in the module; not the clock in
 * the update, a range on it, the day, or a random id (random-id-nondeterministic's).
 */
export function upsertFilterRule(ctx: ModuleContext, report: Report, view: ConsumerView): void {
  const shared = ctx.handlers.size === 0;
  if ((!shared && !view.consumer) || (!shared && scheduledOnly(ctx))) return;
  for (const filter of upsertFilters(ctx)) {
    const onPath = shared
      ? ctx.enclosingFunction(filter) !== undefined
      : ctx.handlerKindAt(filter) !== undefined;
    const field = onPath ? perAttemptField(ctx, filter) : undefined;
    if (field === undefined) continue;
    report(
      'insert-no-upsert',
      field,
      `the upsert's filter carries a value made per attempt ${shared ? 'in code an at-least-once consumer reaches' : 'in an at-least-once consumer'}: it never matches the first delivery's document, so a redelivery inserts another`,
      shared ? { onlyIfConsumerCaller: sharedRequest(ctx, field) } : view.extra,
    );
  }
}
