// SQL query builders that start from the database handle rather than from a table name: Drizzle's
// `db.select({...}).from(users).where(...)` (its documented "select" API: the builder is a thenable, and
// awaiting it runs the query) and Kysely's `db.selectFrom('users')...executeTakeFirst()`. An API-key or
// session lookup written this way in an auth check fails with the database, so a catch answering 401 around
// it answers an outage as a bad key. Knex, whose instance is called with the table, is authKnexQuery.ts.
import { calleeName, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Drizzle's select entry points: each is followed by `.from(table)` before anything runs. */
const DRIZZLE_SELECT = /^(select|selectDistinct|selectDistinctOn)$/;

/**
 * Does `call` (on a receiver the caller has already judged a database handle: `db`, `tx`, `pool`) start a
 * query: `db.select(fields).from(table)` or `db.selectFrom('table')`? A `select` not chained to `from` is
 * left alone (a cache's or a UI library's select is no query).
 */
export function queryBuilderStart(ctx: ModuleContext, call: Node): boolean {
  const name = calleeName(call) ?? '';
  if (name === 'selectFrom') return true;
  if (!DRIZZLE_SELECT.test(name)) return false;
  const member = ctx.parentOf(call);
  return (
    member?.type === 'MemberExpression' &&
    unwrap(member.object) === call &&
    propertyName(member.property, member.computed) === 'from'
  );
}
