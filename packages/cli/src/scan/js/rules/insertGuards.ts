// When an insert that a redelivered consumer reaches does not run twice: the code around it decides from
// what the first delivery already wrote. Shared by the insert-no-upsert rules (inserts.ts: SQL, Mongo,
// Prisma, Knex/TypeORM insert; ormSaves.ts: entity saves).
import {
  calleeName,
  isFunction,
  memberPath,
  type Node,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { guardedUpstream } from './foundGuards.js';

/** A value loaded by an await: `const app = await repo.findOne(...)` (directly, not through a call). */
function loaded(ctx: ModuleContext, id: Node): boolean {
  const b = ctx.resolve(id.name as string, id);
  if (b === undefined) return false;
  // A name destructured from the awaited answer (`const { rows: [author] } = await db.query(...)`) is
  // loaded by that await too.
  const declared = b.declaration?.type === 'VariableDeclarator' ? (b.declaration.init as Node) : undefined;
  return unwrap((b.init as Node | undefined) ?? declared)?.type === 'AwaitExpression';
}

const readsLoaded = (ctx: ModuleContext, test: Node) =>
  someDescendant(test, (n) => n.type === 'Identifier' && loaded(ctx, n));

/** An early return's test may also be the loaded name itself: `if (author) return author.id;`. */
const isOrReadsLoaded = (ctx: ModuleContext, test: Node) =>
  (unwrap(test)?.type === 'Identifier' && loaded(ctx, unwrap(test) as Node)) || readsLoaded(ctx, test);

/**
 * The insert runs on a branch that a redelivery does not take again: the `else` of an if (update when it
 * exists, insert when it does not), under a test that reads an entity loaded by an await (a state change
 * the first delivery made: `if (isNil(app.completedAt))`), after an early return on such a test in an
 * enclosing function (`if (existing) return existing.id;` before the writes), or after the same function
 * deleted what it inserts (children replaced in one transaction). A test on the message itself is no guard.
 */
export function guarded(ctx: ModuleContext, call: Node): boolean {
  // Or past a found-return in every caller in the module (foundGuards.ts).
  return guardedUpstream(ctx, call, (n) => guardedHere(ctx, n));
}

function guardedHere(ctx: ModuleContext, call: Node): boolean {
  for (let c = call, p = ctx.parentOf(call); p !== undefined; c = p, p = ctx.parentOf(p)) {
    if (p.type === 'IfStatement' || p.type === 'ConditionalExpression') {
      if (p.alternate === c) return true;
      if (p.consequent === c && readsLoaded(ctx, p.test as Node)) return true;
    }
  }
  return returnedEarly(ctx, call) || replacedFirst(ctx, call);
}

/**
 * `if (found && found.status !== 'SOURCED') { ...; return found.id; }` written before the insert in the
 * function around it (or one enclosing it: the insert may sit in a transaction's callback), where `found`
 * was loaded by an await: a redelivery finds the first delivery's row and returns there.
 */
function returnedEarly(ctx: ModuleContext, call: Node): boolean {
  for (let fn = ctx.enclosingFunction(call); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const body = fn.body as Node | undefined;
    if (body?.type !== 'BlockStatement') continue;
    for (const statement of body.body as Node[]) {
      if (statement.start >= call.start) break;
      if (statement.type !== 'IfStatement' || !isOrReadsLoaded(ctx, statement.test as Node)) continue;
      const then = statement.consequent as Node;
      const returns =
        then.type === 'ReturnStatement' ||
        someDescendant(then, (n) => n.type === 'ReturnStatement' && !insideFunction(ctx, n, statement));
      if (returns) return true;
    }
  }
  return false;
}

/** Is `node` inside a function nested in `outer` (a callback's return is not the statement's)? */
function insideFunction(ctx: ModuleContext, node: Node, outer: Node): boolean {
  for (let n = ctx.parentOf(node); n !== undefined && n !== outer; n = ctx.parentOf(n))
    if (isFunction(n)) return true;
  return false;
}

/**
 * What a write is for: a TypeORM entity (`manager.insert(Career, rows)`, `manager.delete(Career, ids)`)
 * or the SQL table its statement (`verb`: `insert into`, `delete from`) names.
 */
function target(ctx: ModuleContext, node: Node, verb: string): string | undefined {
  // An SQL literal is judged where it is written.
  const call = node.type === 'CallExpression' ? node : undefined;
  const first = call !== undefined ? unwrap((call.arguments as Node[])[0]) : node;
  const text = first === undefined ? undefined : stringValue(ctx.valueOf(first) ?? first);
  if (text !== undefined) {
    const table = new RegExp(`^\\s*${verb}\\s+["\`]?([\\w.]+)`, 'i').exec(text);
    return table?.[1]?.toLowerCase();
  }
  if (call !== undefined && (call.arguments as Node[]).length >= 2 && first?.type === 'Identifier')
    return first.name as string;
  return undefined;
}

/**
 * `manager.delete(Career, ids)` (or `DELETE FROM careers`) earlier in the insert's function, for the same
 * entity or table: the rows are replaced, so a redelivery writes the same set again.
 */
function replacedFirst(ctx: ModuleContext, insert: Node): boolean {
  const fn = ctx.enclosingFunction(insert);
  const what = target(ctx, insert, 'insert\\s+into');
  if (fn === undefined || what === undefined) return false;
  return someDescendant(fn, (n) => {
    if (n.type !== 'CallExpression' || n.end > insert.start) return false;
    const name = calleeName(n);
    const remove = /^(delete|deleteMany|remove|destroy)$/.test(name ?? '');
    const sql = name === 'query' || name === 'execute' || memberPath(n.callee)?.length === 1;
    return (remove || sql) && target(ctx, n, 'delete\\s+from') === what;
  });
}
