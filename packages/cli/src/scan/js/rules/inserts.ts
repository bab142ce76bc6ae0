// insert-no-upsert: plain inserts on an at-least-once consumer's path (SQL INSERT, Mongo insertOne/insertMany,
// Prisma create, Knex/TypeORM insert). A redelivered message inserts twice, or fails on the unique key.
import {
  calleeName,
  isBooleanLiteral,
  memberPath,
  type Node,
  objectProps,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { moduleCode } from '../moduleCode.js';
import { chainedMethods } from '../protection.js';
import type { ConsumerView } from '../wiredConsumer.js';
import { duplicateAnswered } from './duplicateAnswered.js';
import { guarded } from './insertGuards.js';
import { clickhouseAppend, prismaShapedCreate, projectWrapperCall } from './insertShapes.js';
import type { Report } from './Report.js';
import { randomlyKeyed } from './randomValues.js';
import { sideRecord } from './sideRecords.js';
import { constantRunners, reportedSqlKeys, scheduledOnly } from './sqlParamKeys.js';

/**
 * A client named for a database (`db`, `database`, `dbClient`, `appDb`, `user_db`): not `apiClient`,
 * `httpClient`, `feedback` or `mongodb`, whose `x.create({ data })` need not be Prisma's.
 */
const DB_NAME = /^(db|database)$|^db[A-Z_]|(Db|DB|_db)$/;

/** A Prisma client in the module (`@prisma/client`, `PrismaClient`, a project's generated client). */
const PRISMA = /PrismaClient|@prisma\/client|\bprisma\b/i;
const UPSERT_SQL =
  /on\s+conflict|on\s+duplicate\s+key|insert\s+ignore|insert\s+or\s+(ignore|replace)|\bmerge\s+into|\bwhere\s+not\s+exists/i;

/**
 * Where a module-scope `const INSERT_ORDER = 'INSERT INTO ...'` is used (on the handler path in a consumer,
 * anywhere in a module with no handler), or the literal itself when it is written there.
 */
export function usesOf(ctx: ModuleContext, literal: Node, onPath: (n: Node) => boolean): Node[] {
  if (onPath(literal)) return [literal];
  const declarator = ctx.parentOf(literal);
  const id = declarator?.type === 'VariableDeclarator' ? unwrap(declarator.id) : undefined;
  if (id?.type !== 'Identifier' || ctx.enclosingFunction(literal) !== undefined) return [];
  const uses: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (!onPath(call)) continue;
    const named = (call.arguments as Node[]).some((a) => {
      const arg = unwrap(a);
      return (
        arg?.type === 'Identifier' &&
        arg.name === id.name &&
        ctx.resolve(id.name as string, arg)?.declaration === declarator
      );
    });
    if (named) uses.push(call);
  }
  return uses;
}

/** A plain `INSERT ... RETURNING` awaited in `fn`'s scope before `at`: the parent whose id a child takes. */
function returningInsert(ctx: ModuleContext, id: Node, at: Node): boolean {
  const b = ctx.resolve(id.name as string, id);
  const declared = b?.declaration?.type === 'VariableDeclarator' ? (b.declaration.init as Node) : undefined;
  const init = unwrap((b?.init as Node | undefined) ?? declared);
  const call = init?.type === 'AwaitExpression' ? unwrap(init.argument as Node) : undefined;
  if (call?.type !== 'CallExpression' || call.end > at.start) return false;
  const first = (call.arguments as Node[])[0];
  const text = stringValue(ctx.valueOf(first) ?? first);
  return (
    text !== undefined && /^\s*insert\s+into\b[\s\S]*\breturning\b/i.test(text) && !UPSERT_SQL.test(text)
  );
}

/**
 * Is the insert used at `u` a child keyed by an earlier plain insert's returned id (`[rows[0].id, line.sku]`
 * after `const { rows } = await client.query('INSERT INTO orders ... RETURNING id')`)? Keying the parent
 * (ON CONFLICT) is the one fix for both; an insert that takes nothing from it is a defect of its own.
 */
function childOfReturning(ctx: ModuleContext, u: Node): boolean {
  const parent = ctx.parentOf(u);
  // The call that runs it (or the one written around the literal): its arguments, each read through the
  // constant that holds it (`const values = [rows[0].id, count]; await client.query(insertStock, values)`).
  const call = u.type === 'CallExpression' ? u : parent?.type === 'CallExpression' ? parent : undefined;
  const values = call === undefined ? [u] : (call.arguments as Node[]).map((a) => ctx.valueOf(a) ?? a);
  return values.some((v) =>
    someDescendant(v, (n) => n.type === 'Identifier' && returningInsert(ctx, n, call ?? u)),
  );
}

/**
 * In the consumer's own module, inserts on its handler path; in a module with no handler (a repository, a
 * service), inserts inside a function, kept when a redelivered consumer reaches that function through the
 * project's imports (eventCallers.ts), unless the caller inserts only when its lookup found nothing.
 */
export function insertRule(ctx: ModuleContext, report: Report, view: ConsumerView): void {
  const shared = ctx.handlers.size === 0;
  if (!shared && !view.consumer) return;
  // A module whose handlers are schedule targets only has no message to redeliver: Lambda's async retry
  // re-runs the whole job, and no message key exists for ON CONFLICT to name (random-id treats it alike).
  if (!shared && scheduledOnly(ctx)) return;
  const onPath = (n: Node) =>
    shared ? ctx.enclosingFunction(n) !== undefined : ctx.handlerKindAt(n) !== undefined;
  const where = shared ? 'in code an at-least-once consumer reaches' : 'in an at-least-once consumer';
  // An insert on a branch a redelivery does not take again (the else of "update when it exists", a
  // test on a row loaded by an await) is a create-if-absent.
  const settled = (u: Node) => duplicateAnswered(ctx, u) || guarded(ctx, u);
  const sqlNodes = [...ctx.of('Literal'), ...ctx.of('TemplateLiteral')];
  const runsInserts = new Set<Node | undefined>();
  const fnOf = (n: Node) => ctx.enclosingFunction(n);
  for (const node of sqlNodes) {
    const text =
      node.type === 'Literal' ? (typeof node.value === 'string' ? node.value : undefined) : stringValue(node);
    if (text === undefined || !/^\s*insert\s+into\b/i.test(text) || UPSERT_SQL.test(text)) continue;
    if (UPSERT_SQL.test(statementText(ctx, node))) continue;
    // A statement kept in its function's own constant is reported, like a module-scope one, at the call
    // that runs it (`const sql = 'INSERT ...'; await q(sql)`): the write a reviewer reads, and the call
    // whose try, guard or RETURNING parent settles it. No call handed it first: reported where written.
    const local = constantRunners(ctx, node).filter(onPath);
    const uses = local.length > 0 ? local : usesOf(ctx, node, onPath);
    // An insert whose id column takes a random value is reported once, by random-id-nondeterministic.
    const open = uses.filter(
      (u) =>
        !settled(bothBranches(ctx, u, local) ? node : u) &&
        reportedSqlKeys(ctx, view, shared, u).length === 0,
    );
    // Written inline or in a local constant, each statement is reported (a constant run twice, once),
    // except a child row keyed by an earlier plain insert's RETURNING id, whose fix is keying that parent.
    // A module-scope statement is reported where it runs, once per function that runs such statements (as
    // before: the constant alone says nothing of who runs it, and a transaction of them is one fix).
    const inline = open[0] === node;
    const at = inline
      ? childOfReturning(ctx, node)
        ? undefined
        : node
      : open.find((u) => (local.length > 0 || !runsInserts.has(fnOf(u))) && !childOfReturning(ctx, u));
    if (at === undefined) continue;
    if (!inline && local.length === 0) runsInserts.add(fnOf(at));
    report(
      'insert-no-upsert',
      at,
      `plain INSERT ${where}: a redelivered message inserts twice or fails on the unique key`,
      shared ? { onlyIfConsumerCaller: sharedRequest(ctx, at) } : view.extra,
    );
  }
  for (const call of ctx.of('CallExpression')) {
    // The method name first: it is cheap, and insertMessage answers nothing for other methods.
    const name = calleeName(call);
    if (!INSERT_METHODS.has(name ?? '') || !onPath(call)) continue;
    const path = memberPath(call.callee);
    if (path === undefined || path.length < 2) continue;
    const message = insertMessage(ctx, call, name, path);
    // A log/audit/history/events row after other work in its function records that work's repeat.
    if (message === undefined || settled(call) || sideRecord(ctx, call)) continue;
    // The project's own wrapper (`const repository = new Repository(); repository.insert(table, row)`) is
    // judged where its insert is written, once the project pass finds it defines one (insertShapes.ts).
    const wrapper = name === 'insert' ? projectWrapperCall(ctx, call) : undefined;
    report(
      'insert-no-upsert',
      call,
      `${message} ${where}: a redelivered message ${message.startsWith('insert') ? 'inserts twice' : 'creates a duplicate'}`,
      {
        ...(shared ? { onlyIfConsumerCaller: sharedRequest(ctx, call) } : view.extra),
        ...(wrapper === undefined ? {} : { unlessImportAsync: wrapper }),
      },
    );
  }
}

/**
 * Does `run` sit in the `else` of an if whose other branch runs the same statement (`if (!id) insert(sql,
 * [uuid()]) else insert(sql, [id])`)? Both branches insert: no "update when it exists" split, so the run
 * is judged where the statement is written.
 */
function bothBranches(ctx: ModuleContext, run: Node, runs: readonly Node[]): boolean {
  for (let c = run, p = ctx.parentOf(run); p !== undefined; c = p, p = ctx.parentOf(p)) {
    if (p.type !== 'IfStatement' || p.alternate !== c) continue;
    const then = p.consequent as Node;
    return runs.some((r) => r !== run && r.start >= then.start && r.end <= then.end);
  }
  return false;
}

/**
 * The whole statement a SQL fragment starts: the `+` chain it opens (`'INSERT INTO t (...)' + ' VALUES (?)'
 * + ' ON DUPLICATE KEY UPDATE ...'`), as written, so an upsert clause in a later piece counts.
 */
function statementText(ctx: ModuleContext, node: Node): string {
  const { node: whole } = ctx.climb(
    node,
    (p) => (p.type === 'BinaryExpression' && p.operator === '+') || p.type === 'ParenthesizedExpression',
  );
  return whole === node ? '' : ctx.source.slice(whole.start, whole.end);
}

/** The method names insertMessage can answer for. */
const INSERT_METHODS = new Set(['insertOne', 'insertMany', 'create', 'createMany', 'insert']);

/**
 * Does the module's code (not its comments: "unlike the Prisma writes elsewhere") name a Prisma client?
 * Asked only for a `<db|client>.<model>.create()` call, so the comments are blanked at most once a module.
 */
function usesPrisma(ctx: ModuleContext): boolean {
  let known = PRISMA_CODE.get(ctx);
  if (known === undefined) {
    // Blanking comments only turns text into spaces, and a comment's edges (`/`, or the end of its line)
    // already part words: a text that never names a Prisma client has no code that does.
    known = PRISMA.test(ctx.source) && PRISMA.test(moduleCode(ctx));
    PRISMA_CODE.set(ctx, known);
  }
  return known;
}

const PRISMA_CODE = new WeakMap<ModuleContext, boolean>();

function insertMessage(
  ctx: ModuleContext,
  call: Node,
  name: string | undefined,
  path: string[],
): string | undefined {
  // Only these methods insert: the rows of every other member call need not be read (most calls of a
  // consumer's path are not inserts).
  if (!INSERT_METHODS.has(name ?? '')) return undefined;
  // A row whose id is random is one defect, reported once by random-id-nondeterministic (idempotency.ts).
  const rows = (call.arguments as Node[]).flatMap((a) => {
    const v = ctx.valueOf(a);
    return v?.type === 'ArrayExpression' ? (v.elements as Node[]) : [a];
  });
  if (rows.some((r) => randomlyKeyed(ctx, r))) return undefined;
  if (name === 'insertOne' || name === 'insertMany') return `${name}()`;
  if (
    (name === 'create' || name === 'createMany') &&
    path.length >= 3 &&
    // `prisma.order.create`, `this.prisma.order.create`, `ctx.db.order.create`: the client holds the
    // model. Other SDKs' `client.messages.create` (an SMS, a chat completion) are no rows: without
    // `prisma` in the chain, the module must use Prisma.
    // A client imported from the project's own module (`import { db } from '@/db'`) is known by the
    // argument: only Prisma's keys, `data` among them (insertShapes.ts), and only under a database's
    // name: `apiClient.orders.create({ data })` is a REST wrapper's POST.
    path
      .slice(0, -2)
      .some(
        (p) =>
          /prisma/i.test(p) ||
          (/db|client/i.test(p) && usesPrisma(ctx)) ||
          (DB_NAME.test(p) && prismaShapedCreate(ctx, call)),
      )
  ) {
    const opts = objectProps(ctx.valueOf(call.arguments[0]));
    if (name === 'createMany' && isBooleanLiteral(opts?.props.get('skipDuplicates'), true)) return undefined;
    // `data: { id: randomUUID(), ... }`: the random key is the defect, reported once by
    // random-id-nondeterministic (idempotency.ts).
    if (randomlyKeyed(ctx, opts?.props.get('data'))) return undefined;
    return `${path.join('.')}()`;
  }
  if (name === 'insert' && clickhouseAppend(ctx, call)) return 'insert() into ClickHouse';
  // Knex `db('t').insert(...)`, TypeORM `repository.insert(...)` / `manager.insert(Entity, ...)`.
  if (name === 'insert' && /knex|db|trx|query|repo|repository|manager/i.test(path[0] ?? '')) {
    const chain = chainedMethods(ctx, call);
    // Knex `onConflict().ignore()/merge()`, Drizzle `onConflictDoNothing()/onConflictDoUpdate()`.
    if (chain.some((m) => /^(onConflict|onDuplicate)|^orIgnore$/.test(m))) return undefined;
    // Drizzle/Kysely `db.insert(table).values({ id: randomUUID() })`: the row is in the chained call.
    const values = ctx.parentOf(call);
    const chained = values?.type === 'MemberExpression' ? ctx.parentOf(values) : undefined;
    if (
      chained?.type === 'CallExpression' &&
      (chained.arguments as Node[]).some((a) => randomlyKeyed(ctx, a))
    )
      return undefined;
    return 'insert() without onConflict';
  }
  return undefined;
}
