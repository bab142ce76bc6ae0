// Knex's query builder: `knex('users').where({ id }).first()`, `trx('steps').select()`, `knex.raw(sql)`,
// `knex.select('*').from('users')`. The documented instance is a function of the table name, and the builder
// is a thenable: awaiting the chain sends the query (the knex docs' "Promises" interface). A catch around
// one that answers 401/403 answers a database outage as a bad credential.
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The names the knex docs give an instance and a transaction (`knex`, `trx`), and those of a read replica's
 * or a writer's instance beside it (`knexReader`, `knexWriter`), or one built by `knex(...)`.
 */
const KNEX_NAME = /^(knex|knexRead|knexWrite|knexReader|knexWriter|knexReplica|trx)$/;
/** The instance's own entry points that start a query without a table name (knex docs: Query Builder, Raw). */
const KNEX_ENTRY = /^(raw|select|from|table|insert|update|del|delete|first|count|pluck|withSchema|with)$/;

/** Is `node` a knex instance: named as the docs name one, or made by a call of the `knex` import? */
function knexInstance(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'Identifier') return false;
  if (KNEX_NAME.test(n.name as string)) return true;
  const made = unwrap(ctx.valueOf(n));
  const call = made?.type === 'AwaitExpression' ? unwrap(made.argument) : made;
  return call?.type === 'CallExpression' && ctx.importRoot(call.callee)?.source === 'knex';
}

/** A string naming the table: `'users'` or a template. */
function tableName(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (n?.type === 'Literal' && typeof n.value === 'string') || n?.type === 'TemplateLiteral';
}

/**
 * Does `call` start a knex query (`knex('t')`, `knex.raw(...)`)? Whether the chain is awaited is the
 * caller's to ask.
 */
export function knexQueryStart(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type === 'Identifier') return tableName(call.arguments[0]) && knexInstance(ctx, callee);
  if (callee?.type === 'MemberExpression')
    return KNEX_ENTRY.test(calleeName(call) ?? '') && knexInstance(ctx, callee.object);
  return false;
}
