// Inserts insert-no-upsert knows by the shape of the call rather than by the library the module imports:
// a ClickHouse client's `insert({ table, values })`, a Prisma model call whose client comes from a project
// module (`import { db } from '@/db'`), and a call of the project's own wrapper class, whose body is judged
// where it is written. Read by inserts.ts.
import { type Node, objectProps } from '../ast.js';
import { importedInstanceMethod } from '../asyncMethods.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * A ClickHouse client insert (`client.insert({ table: 'events', values: rows, format: 'JSONEachRow' })`,
 * @clickhouse/client): MergeTree tables have no unique key, so every run appends the rows again. Not when
 * it names an `insert_deduplication_token` (ClickHouse drops a block whose token it has seen).
 *
 * @example
 * clickhouseAppend(ctx, call) // true for this.connection.insert({ table, values, format: 'JSONEachRow' })
 */
export function clickhouseAppend(ctx: ModuleContext, call: Node): boolean {
  const args = call.arguments as Node[];
  if (args.length !== 1) return false;
  const opts = objectProps(ctx.valueOf(args[0]) ?? args[0]);
  if (opts === undefined || !opts.props.has('table') || !opts.props.has('values')) return false;
  const settings = opts.props.get('clickhouse_settings');
  // A settings object we cannot read may carry the token: say nothing then.
  if (settings === undefined) return true;
  const read = objectProps(ctx.valueOf(settings) ?? settings);
  return read !== undefined && !read.spread && !read.props.has('insert_deduplication_token');
}

/** The keys a Prisma `create`/`createMany` argument may have; `data` is required. */
const PRISMA_CREATE_KEYS = new Set(['data', 'select', 'include', 'omit', 'skipDuplicates']);

/**
 * A `<db>.<model>.create({ data })` whose argument has only Prisma's create keys: asked for a client whose name
 * says db or client when the module itself never names Prisma (`import { db } from '@/db'`, built there by a
 * Prisma factory). Other SDKs' `client.x.create(...)` take their fields directly (`{ to, body }`,
 * `{ model, messages }`), not under `data`.
 *
 * @example
 * prismaShapedCreate(ctx, call) // true for db.question.create({ data: { text } })
 */
export function prismaShapedCreate(ctx: ModuleContext, call: Node): boolean {
  const args = call.arguments as Node[];
  if (args.length !== 1) return false;
  const opts = objectProps(ctx.valueOf(args[0]) ?? args[0]);
  if (opts === undefined || opts.spread || !opts.props.has('data')) return false;
  return [...opts.props.keys()].every((k) => PRISMA_CREATE_KEYS.has(k));
}

/**
 * `repo.insert(...)` where `repo` is `new Repo()` of a class from a relative import: the project's own
 * wrapper, whose insert (or upsert) is judged in the wrapper's module, where the fix goes.
 *
 * @example
 * projectWrapperCall(ctx, call) // true for repository.insert('events', row) after const repository = new Repository() of require('./Repository')
 */
export function projectWrapperCall(ctx: ModuleContext, call: Node): boolean {
  const made = importedInstanceMethod(ctx, call.callee as Node);
  return made?.source.startsWith('.') === true;
}
