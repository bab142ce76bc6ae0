// Written records (a row handed to an insert, or named then put as Item/data): apart so idempotency.ts stays small.
import {
  calleeName,
  memberPath,
  type Node,
  objectProps,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Row writes that take the row itself: query builders' `values`, ORM `save`/`insert`/`create`, Mongo's inserts. */
const ROW_WRITE = /^(values|save|insert|insertOne|insertMany|bulkCreate|create)$/;
/** Who holds an ORM's `save`/`create`: a repository or manager, or a capitalised model (`Order.create`). */
const ROW_HOLDER = /^[A-Z]|repo|repository|manager|model|collection/i;

/**
 * The object is a row handed straight to an insert (`owner` is what holds it): `db.insert(t).values({...})`
 * (Drizzle, Kysely), `repository.save({...})`, `manager.insert(Entity, {...})`, `Order.create({...})`,
 * `collection.insertOne({...})`, an array of such rows, or `new Model({...}).save()` (Mongoose).
 */
export function insertedRow(ctx: ModuleContext, owner: Node | undefined): boolean {
  const call = owner?.type === 'ArrayExpression' ? ctx.parentOf(owner) : owner;
  if (call?.type === 'NewExpression') {
    const member = ctx.parentOf(call);
    const save =
      member?.type === 'MemberExpression' && member.object === call ? ctx.parentOf(member) : undefined;
    return save?.type === 'CallExpression' && calleeName(save) === 'save';
  }
  if (call?.type !== 'CallExpression') return false;
  const name = calleeName(call) ?? '';
  const path = memberPath(call.callee);
  if (!ROW_WRITE.test(name) || path === undefined || path.length < 2 || path.join('.') === 'Object.values')
    return false;
  if (name === 'save' || name === 'create' || name === 'bulkCreate')
    return ROW_HOLDER.test(path.at(-2) ?? '');
  return name !== 'values' || !upsertsOnOtherKey(ctx, call);
}

/** Drizzle's upserts: MySQL's resolves on any unique key, Postgres's on the target it names (or any, with none). */
const UPSERT = /^(onDuplicateKeyUpdate|onConflictDoNothing|onConflictDoUpdate)$/;

/**
 * `db.insert(t).values({ id: createId(), stageID, day }).onDuplicateKeyUpdate({ set })`: the row is
 * deduplicated on a unique key of the table, and a fresh random id never collides, so that key is another
 * column's: a redelivery updates the first row. An upsert whose target is the id column
 * (`onConflictDoUpdate({ target: t.id, set })`) still writes a new row per attempt.
 */
function upsertsOnOtherKey(ctx: ModuleContext, values: Node): boolean {
  for (let at: Node = values; ; ) {
    const member = ctx.parentOf(at);
    const next =
      member?.type === 'MemberExpression' && member.object === at ? ctx.parentOf(member) : undefined;
    if (next?.type !== 'CallExpression' || next.callee !== member) return false;
    if (UPSERT.test(calleeName(next) ?? '')) {
      const target = objectProps(unwrap((next.arguments as Node[])[0]))?.props.get('target');
      return target === undefined || !/(^|[^\w$])_?id\b/i.test(ctx.source.slice(target.start, target.end));
    }
    at = next;
  }
}

/** `Item: record`, `Item: marshall(record)`, `data: record`: what a put or create writes, by its name. */
function writesRecord(ctx: ModuleContext, prop: Node, declarator: Node, name: string): boolean {
  if (prop.type !== 'Property' || !/^(Item|data)$/.test(propertyName(prop.key, prop.computed) ?? ''))
    return false;
  let value = unwrap(prop.value as Node);
  if (value?.type === 'CallExpression' && /^(marshall|convertToAttr)$/.test(calleeName(value) ?? ''))
    value = unwrap((value.arguments as Node[])[0]);
  const names = (v: Node | undefined): boolean =>
    v?.type === 'Identifier' && v.name === name && ctx.resolve(name, v)?.declaration === declarator;
  // `Item: { ...record, kind: 'x' }`: the row spread into the item, its keys with it.
  if (value?.type === 'ObjectExpression')
    return (value.properties as Node[]).some(
      (p) => p.type === 'SpreadElement' && names(unwrap(p.argument as Node)),
    );
  return names(value);
}

/**
 * `const record = { Id: uuidv4(), ... }` later written as `Item: record` (a put) or `data: record` (a
 * Prisma create) in the same function: the row is built first and named, then written.
 */
export function writtenRecord(ctx: ModuleContext, owner: Node | undefined): boolean {
  if (owner?.type !== 'VariableDeclarator') return false;
  const id = unwrap(owner.id as Node);
  const fn = ctx.enclosingFunction(owner);
  if (id?.type !== 'Identifier' || fn === undefined) return false;
  return someDescendant(fn, (n) => writesRecord(ctx, n, owner, id.name as string));
}
