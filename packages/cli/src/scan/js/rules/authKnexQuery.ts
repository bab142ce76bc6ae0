// Knex's query builder: `knex('users').where({ id }).first()`, `trx('steps').select()`, `knex.raw(sql)`,
// `knex.select('*').from('users')`. The documented instance is a function of the table name, and the builder
// is a thenable: awaiting the chain sends the query (the knex docs' "Promises" interface). A catch around
// one that answers 401/403 answers a database outage as a bad credential.
import { calleeName, type Node, stringValue, unwrap } from '../ast.js';
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
  return KNEX_NAME.test(n.name as string) || knexMade(ctx, n);
}

/**
 * Is `node` a name bound to a call of knex: of its import (`knex(cfg)`, awaited too) or of what
 * `require('knex')` answers (`const db = require('knex')(cfg)`)?
 *
 * @example
 * knexMade(ctx, id) // db of `const db = require('knex')({ client: 'pg' })` -> true
 */
export function knexMade(ctx: ModuleContext, node: Node | undefined): boolean {
  const made = unwrap(ctx.valueOf(node));
  const call = made?.type === 'AwaitExpression' ? unwrap(made.argument) : made;
  if (call?.type !== 'CallExpression') return false;
  const callee = unwrap(call.callee);
  if (callee?.type === 'CallExpression' && calleeName(callee) === 'require')
    return stringValue((callee.arguments as Node[])[0]) === 'knex';
  return ctx.importRoot(callee)?.source === 'knex';
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
  // Every instance knexInstance accepts spells `knex` or `trx` in the text (its name, or the `'knex'` import
  // or require it was made from): a module spelling neither starts no knex query, and the auth rules ask
  // this of every call they judge.
  if (!ctx.spells('knex') && !ctx.spells('trx')) return false;
  return knexQueryOn(call, (n) => knexInstance(ctx, n));
}

/**
 * Does `call` start a knex query on a receiver `instance` accepts (`db('t')`, `db.raw(...)`,
 * `db.select('*')`)? The receiver test is the caller's: a name, or one binding (knexDestroy.ts).
 */
export function knexQueryOn(call: Node, instance: (receiver: Node | undefined) => boolean): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type === 'Identifier') return tableName(call.arguments[0]) && instance(callee);
  if (callee?.type === 'MemberExpression')
    return KNEX_ENTRY.test(calleeName(call) ?? '') && instance(callee.object);
  return false;
}
