// When an insert that a redelivered consumer reaches does not run twice: the code around it decides from
// what the first delivery already wrote. Shared by the insert-no-upsert rules (inserts.ts: SQL, Mongo,
// Prisma, Knex/TypeORM insert; ormSaves.ts: entity saves).
import { type Node, someDescendant, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { guardedUpstream, returnsWhenFound } from './foundGuards.js';
import { readName, verbOf, WRITE_STEP } from './ioVerbs.js';
import { replacedFirst } from './replacedFirst.js';
import { returnsWhenSettled } from './settledStates.js';

/** What an await loaded `id` from: `const app = await repo.findOne(...)` (directly, not through a call). */
function awaitedFor(ctx: ModuleContext, id: Node): Node | undefined {
  const b = ctx.resolve(id.name as string, id);
  if (b === undefined) return undefined;
  // A name destructured from the awaited answer (`const { rows: [author] } = await db.query(...)`) is
  // loaded by that await too.
  const declared = b.declaration?.type === 'VariableDeclarator' ? (b.declaration.init as Node) : undefined;
  const init = unwrap((b.init as Node | undefined) ?? declared);
  return init?.type === 'AwaitExpression' ? (init.argument as Node) : undefined;
}

const loaded = (ctx: ModuleContext, id: Node) => awaitedFor(ctx, id) !== undefined;

const readsLoaded = (ctx: ModuleContext, test: Node) =>
  someDescendant(test, (n) => n.type === 'Identifier' && loaded(ctx, n));

/** SQL text a call sends: `query('SELECT ...')`, a constant, or a tagged template (`sql\`UPDATE ...\``). */
function sqlOf(ctx: ModuleContext, e: Node): string | undefined {
  const first = e.type === 'TaggedTemplateExpression' ? e.quasi : unwrap((e.arguments as Node[])[0]);
  const text = first === undefined ? undefined : stringValue(ctx.valueOf(first) ?? first);
  return text !== undefined && /^\s*(select|insert|update|delete|with|merge|replace|upsert)\b/i.test(text)
    ? text
    : undefined;
}

/** A write by its verb, a conditional one included (`findOneAndUpdate`, redis `set` with NX, a claim). */
const WRITE_VERB =
  /^(insert|update|upsert|set|save|create|delete|remove|put|replace|add|incr|claim|bulkWrite)/i;
const READ_VERB = /^(select|first|toArray)$/;

/**
 * Did the await only read (find*, select, get, Query, Scan, GetItem, SQL that starts with SELECT)? A
 * conditional write's answer (`UPDATE ... WHERE state = 'OPEN'`, `INSERT ... ON CONFLICT DO NOTHING`,
 * `findOneAndUpdate`, `SET NX`) says whether this delivery won the claim: a test on it is a real guard.
 */
function readOnly(ctx: ModuleContext, awaited: Node | undefined): boolean {
  let read = false;
  for (let e = unwrap(awaited); e !== undefined; ) {
    if (e.type === 'CallExpression' || e.type === 'TaggedTemplateExpression') {
      const sql = sqlOf(ctx, e);
      if (sql !== undefined) return /^\s*select\b/i.test(sql);
      const verb = e.type === 'CallExpression' ? verbOf(ctx, e) : '';
      if (WRITE_VERB.test(verb) || WRITE_STEP.test(verb)) return false;
      read ||= readName(verb) || READ_VERB.test(verb);
      e = unwrap(e.type === 'CallExpression' ? e.callee : e.tag);
    } else if (e.type === 'MemberExpression') e = unwrap(e.object as Node);
    else break;
  }
  return read;
}

/** A value an await read, or its size: `rows`, `rows.length`, `out.Count`, `res.rowCount` of a SELECT. */
function loadedOperand(ctx: ModuleContext, n: Node | undefined): boolean {
  const v = unwrap(n);
  if (v?.type === 'Identifier') return readOnly(ctx, awaitedFor(ctx, v));
  if (v?.type !== 'MemberExpression' || v.computed) return false;
  const name = (v.property as Node).name as string | undefined;
  return /^(length|size|Count|rowCount)$/.test(name ?? '') && loadedOperand(ctx, v.object as Node);
}

/** `n` is one of `values`: a literal, or the identifier `undefined` when `undefined` is asked for. */
const literal = (n: Node | undefined, ...values: unknown[]) => {
  const v = unwrap(n);
  if (v?.type === 'Identifier' && v.name === 'undefined') return values.includes(undefined);
  return v?.type === 'Literal' && values.includes(v.value);
};

/** The comparison read with the loaded value on the left: `0 < rows.length` is `rows.length > 0`. */
const FLIPPED: Record<string, string> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '!==': '!==',
  '!=': '!=',
};

/**
 * Is `test` only "the lookup found something" (`rows.length > 0`, `if (row)`, `row !== null`)? An insert
 * under it copies what was found (a history snapshot), and a redelivery finds the same rows and copies
 * them again: a precondition, unlike a state the first delivery changes (`run.closedAt === undefined`).
 * Only for a read: a claim's answer (`if (claim.rowCount > 0)` after `INSERT ... ON CONFLICT DO NOTHING`)
 * is a guard.
 */
function presenceOnly(ctx: ModuleContext, test: Node | undefined): boolean {
  const t = unwrap(test);
  if (t === undefined) return false;
  if (t.type === 'LogicalExpression' && t.operator === '&&')
    return presenceOnly(ctx, t.left as Node) && presenceOnly(ctx, t.right as Node);
  if (t.type === 'Identifier' || t.type === 'MemberExpression') return loadedOperand(ctx, t);
  if (t.type !== 'BinaryExpression') return false;
  const swap = !loadedOperand(ctx, t.left as Node) && FLIPPED[t.operator as string] !== undefined;
  const [l, r] = (swap ? [t.right, t.left] : [t.left, t.right]) as [Node, Node];
  const op = swap ? FLIPPED[t.operator as string] : (t.operator as string);
  if (!loadedOperand(ctx, l)) return false;
  if (op === '!==' || op === '!=') return literal(r, null, undefined, 0);
  if (op === '>') return literal(r, 0);
  if (op === '>=') return literal(r, 1);
  return false;
}

/**
 * The insert runs on a branch that a redelivery does not take again: the `else` of an if (update when it
 * exists, insert when it does not), under a test that reads an entity loaded by an await (a state change
 * the first delivery made: `if (isNil(app.completedAt))`; not a test that it was found, presenceOnly),
 * after an early return when a lookup found the row in an enclosing function (`if (existing) return
 * existing.id;` before the writes: foundGuards.ts's existence tests, so `if (!order) return` is none), or
 * after the same function deleted what it inserts (children replaced in one transaction). A test on the
 * message itself is no guard.
 */
export function guarded(ctx: ModuleContext, call: Node): boolean {
  // Or past a found-return in every caller in the module (foundGuards.ts).
  return guardedUpstream(ctx, call, (n) => guardedHere(ctx, n));
}

function guardedHere(ctx: ModuleContext, call: Node): boolean {
  for (let c = call, p = ctx.parentOf(call); p !== undefined; c = p, p = ctx.parentOf(p)) {
    if (p.type === 'IfStatement' || p.type === 'ConditionalExpression') {
      if (p.alternate === c) return true;
      const test = p.test as Node;
      if (p.consequent === c && readsLoaded(ctx, test) && !presenceOnly(ctx, test)) return true;
    }
  }
  return returnsWhenFound(ctx, call) || returnsWhenSettled(ctx, call) || replacedFirst(ctx, call);
}
