// Inserts insert-no-upsert knows by the shape of the call rather than by the library the module imports:
// a ClickHouse client's `insert({ table, values })`, a Prisma model call whose client comes from a project
// module (`import { db } from '@/db'`), and a call of the project's own wrapper class, whose body is judged
// where it is written. Read by inserts.ts.
import { type Node, objectProps } from '../ast.js';
import { importedInstanceMethod } from '../asyncMethods.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The keys of @clickhouse/client's InsertParams: an object with others (`actor`) is some other writer's
 * `insert({ table, values, actor })`, an in-house audit log, not this client.
 */
const CLICKHOUSE_INSERT_KEYS = new Set([
  'table',
  'values',
  'format',
  'columns',
  'clickhouse_settings',
  'query_params',
  'query_id',
  'session_id',
  'abort_signal',
  'auth',
  'role',
]);

/**
 * A ClickHouse client insert (`client.insert({ table: 'events', values: rows, format: 'JSONEachRow' })`,
 * @clickhouse/client): MergeTree tables have no unique key, so a retry appends the rows again unless the
 * retried block is byte-identical and the table deduplicates inserts (a Replicated or Cloud table); a row
 * stamped per attempt always appends. Not when it names an `insert_deduplication_token` (ClickHouse drops a
 * block whose token it has seen).
 *
 * @example
 * clickhouseAppend(ctx, call) // true for this.connection.insert({ table, values, format: 'JSONEachRow' })
 */
export function clickhouseAppend(ctx: ModuleContext, call: Node): boolean {
  const args = call.arguments as Node[];
  if (args.length !== 1) return false;
  const opts = objectProps(ctx.valueOf(args[0]) ?? args[0]);
  if (opts === undefined || !opts.props.has('table') || !opts.props.has('values')) return false;
  // A spread (`{ ...this.insertDefaults, table, values }`) may carry the token, like unreadable settings.
  if (opts.spread || [...opts.props.keys()].some((k) => !CLICKHOUSE_INSERT_KEYS.has(k))) return false;
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
 * `repo.insert(...)` where `repo` is `new Repo()` of an imported class: the class the project pass looks up.
 * The call is left to the wrapper's module (where its insert is judged, and the fix goes) only when the
 * class resolves to a scanned project module and defines its own async `insert` there (ExportFact
 * asyncMethods); a package class (`new ClickHouseClient()`), an alias the pass cannot resolve, or a
 * subclass inheriting its insert (`class EventRepo extends Repository<Event> {}`) keeps the finding here.
 *
 * @example
 * projectWrapperCall(ctx, call) // { from, source: './Repository', name: 'default', method: 'insert' } for repository.insert('events', row) after const repository = new Repository() of require('./Repository')
 */
export function projectWrapperCall(
  ctx: ModuleContext,
  call: Node,
): (ImportRef & { method: string }) | undefined {
  const made = importedInstanceMethod(ctx, call.callee as Node);
  return made === undefined ? undefined : { from: ctx.file, ...made };
}
