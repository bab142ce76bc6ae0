// insert-no-upsert's delete-first guard: rows deleted before the insert are replaced, not duplicated, by a
// redelivery, but only when the delete ran on the insert's path and removed the rows the insert writes. A
// delete of the job's `stale` steps before inserting `pending` ones, or of another job's steps, leaves the
// first delivery's rows in place.
import {
  calleeName,
  forEachDescendant,
  memberPath,
  type Node,
  numberValue,
  propertyName,
  stringValue,
  unwrap,
  wrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { precedingCalls } from './precedingCalls.js';

/** The chained member a Drizzle/Kysely statement is built with (`db.insert(t).values(...)`): `values`. */
function chained(ctx: ModuleContext, call: Node): { name: string; member: Node } | undefined {
  const member = ctx.parentOf(call);
  if (member?.type !== 'MemberExpression' || member.object !== call) return undefined;
  const name = propertyName(member.property as Node, member.computed as boolean);
  return name === undefined ? undefined : { name, member };
}

/**
 * The table a Drizzle/Kysely statement names: the call's one identifier argument, when the statement is
 * built by a chained `values`, `set`, `where` or `returning` (`db.insert(steps).values(...)`,
 * `db.update(tasks).set(...)`). Anything else chained (`cache.delete(key).catch(...)`) is no statement.
 *
 * @example
 * drizzleTable(ctx, call) // 'steps' for db.delete(steps).where(eq(steps.jobId, id))
 */
export function drizzleTable(ctx: ModuleContext, call: Node): string | undefined {
  const args = call.arguments as Node[];
  const first = unwrap(args[0]);
  if (args.length !== 1 || first?.type !== 'Identifier') return undefined;
  return /^(values|set|where|returning)$/.test(chained(ctx, call)?.name ?? '')
    ? (first.name as string)
    : undefined;
}

/**
 * What a write is for: a TypeORM entity (`manager.insert(Career, rows)`, `manager.delete(Career, ids)`), a
 * Drizzle table (`db.insert(steps).values(...)`, `db.delete(steps).where(...)`) or the SQL table its statement
 * (`verb`: `insert into`, `delete from`) names.
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
  if (call === undefined || first?.type !== 'Identifier') return undefined;
  return (call.arguments as Node[]).length >= 2 ? (first.name as string) : drizzleTable(ctx, call);
}

/** The argument of the call a chained member makes (`.where(<this>)`, `.values(<this>)`). */
function chainedArgument(ctx: ModuleContext, call: Node, name: string): Node | undefined {
  const link = chained(ctx, call);
  const outer = link?.name === name ? ctx.parentOf(link.member) : undefined;
  return outer?.type === 'CallExpression' && outer.callee === link?.member
    ? (outer.arguments as Node[])[0]
    : undefined;
}

/**
 * Does a Drizzle delete remove the rows `insert` writes? With no `where` it removes them all. Otherwise
 * each `eq(table.column, value)` in its filter must meet the same column in the inserted rows: the same
 * literal (a `stale` filter clears no `pending` row), or the same expression (`jobId`, `task.id`).
 */
function removesInserted(ctx: ModuleContext, del: Node, insert: Node): boolean {
  if (chained(ctx, del)?.name !== 'where') return true;
  const filter = chainedArgument(ctx, del, 'where');
  const rows = chainedArgument(ctx, insert, 'values');
  const written = new Map<string, Node[]>();
  forEachDescendant(rows, (n) => {
    const key = n.type === 'Property' ? propertyName(n.key as Node, n.computed as boolean) : undefined;
    if (key !== undefined) written.set(key, [...(written.get(key) ?? []), unwrap(n.value as Node) as Node]);
    return true;
  });
  const text = (n: Node | undefined) => (n === undefined ? undefined : ctx.source.slice(n.start, n.end));
  let pairs = 0;
  let met = true;
  // wrap: the filter may itself be the one `eq(...)`.
  forEachDescendant(wrap(filter), (n) => {
    const [column, value] = (n.arguments ?? []) as Node[];
    if (n.type !== 'CallExpression' || calleeName(n) !== 'eq' || column?.type !== 'MemberExpression')
      return true;
    pairs++;
    const key = propertyName(column.property as Node, column.computed as boolean) ?? '';
    const wanted = unwrap(value);
    const literal = stringValue(wanted) ?? numberValue(wanted);
    const values = written.get(key) ?? [];
    met &&=
      values.length > 0 &&
      (literal !== undefined
        ? values.every((v) => (stringValue(v) ?? numberValue(v)) === literal)
        : values.some((v) => text(v) === text(wanted)));
    return false;
  });
  return pairs > 0 && met;
}

/**
 * `manager.delete(Career, ids)`, `db.delete(steps).where(...)` (or `DELETE FROM careers`) on every path to
 * the insert in its function, for the same entity or table: the rows are replaced, so a redelivery writes
 * the same set again. A Drizzle delete must also remove the rows the insert writes (removesInserted).
 *
 * @example
 * replacedFirst(ctx, insert) // true in: await db.delete(steps).where(eq(steps.jobId, id)); await db.insert(steps).values({ jobId: id })
 */
export function replacedFirst(ctx: ModuleContext, insert: Node): boolean {
  const what = target(ctx, insert, 'insert\\s+into');
  if (what === undefined) return false;
  return precedingCalls(ctx, insert).some((n) => {
    const statement = dataApiSql(n);
    if (statement !== undefined) return target(ctx, statement, 'delete\\s+from') === what;
    const name = calleeName(n);
    const remove = /^(delete|deleteMany|remove|destroy)$/.test(name ?? '');
    const sql = name === 'query' || name === 'execute' || memberPath(n.callee)?.length === 1;
    if (!(remove || sql) || target(ctx, n, 'delete\\s+from') !== what) return false;
    return drizzleTable(ctx, n) === undefined || removesInserted(ctx, n, insert);
  });
}

/** The RDS Data API's statement classes, SDK v3: `send(new ExecuteStatementCommand({ sql }))`. */
const DATA_API_COMMAND = /^(Batch)?ExecuteStatementCommand$/;

/**
 * The `sql` an RDS Data API call sends: `client.send(new ExecuteStatementCommand({ sql: 'DELETE ...' }))`
 * or, SDK v2, `rdsData.executeStatement({ sql })`. Its statement sits one object down, not in the first
 * argument where `query(sql)` puts it.
 */
function dataApiSql(call: Node): Node | undefined {
  const first = unwrap((call.arguments as Node[])[0]);
  const name = calleeName(call);
  const input =
    name === 'send' && first?.type === 'NewExpression' && DATA_API_COMMAND.test(calleeName(first) ?? '')
      ? unwrap((first.arguments as Node[])[0])
      : /^(batchE|e)xecuteStatement$/.test(name ?? '')
        ? first
        : undefined;
  if (input?.type !== 'ObjectExpression') return undefined;
  const sql = (input.properties as Node[]).find(
    (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'sql',
  );
  return sql === undefined ? undefined : unwrap(sql.value as Node);
}
