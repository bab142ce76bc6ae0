// swallowed-error: a cache wrapper's catch that answers a miss. `try { return JSON.parse(await
// client.get(key)) } catch (e) { log.warn(e); return null }` where `client` is a Redis, Memcached or LRU
// client: the caller treats null (false, 0, []) as "not cached" and reads the store of record, so a cache
// outage costs latency, not data. Readers of the working set label this shape a trap (cache read/write/DEL
// failure, optional cache). The client is told from its construction (`new Redis()`, `createClient()` of a
// cache package) in the module, or from the project module it comes from (`await redisClient.getClient()`,
// settled by the project pass: that module must import a cache package and no other store,
// importedCacheClients.ts). Still reported, as reviewers keep them:
// - a lock or script (`set(k, v, 'NX')`, `eval`): a failed acquire/release guards concurrency;
// - a publish: the message is lost, not a cached copy;
// - a fixed key (`client.get('stopRunning')`): a record kept only in the cache (a flag, a session), not a
//   cached copy of one; a wrapper takes its key from its caller;
// - an answer other than "nothing" (`{ allowed: true }` of a rate-limit check: fail-open on a guard).
import { memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { isEmptyValue } from '../emptyValues.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { isIoNode, isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

/** Packages whose clients are caches (key-value with expiry, or in-memory LRU). */
export const CACHE_PACKAGES: ReadonlySet<string> = new Set([
  'ioredis',
  'redis',
  '@redis/client',
  '@upstash/redis',
  'memcached',
  'memjs',
  'lru-cache',
  'node-cache',
]);

/**
 * The commands of a cached copy (Redis, Memcached and LRU spellings; `exec` of a pipeline or multi). Not
 * `eval`, `publish`, `setnx`, sorted sets or streams: locks, scripts, messages and rate windows. The names
 * alone decide nothing: a project function (`sessions.load(id)`) is not one, so its store must be a client.
 */
const CACHE_COMMANDS = new Set(
  (
    'get set setex psetex getex getdel del unlink expire pexpire ttl exists incr incrby decr decrby mget mset ' +
    'keys scan hget hset hmset hmget hgetall hdel hincrby lrange lpush rpush ltrim sadd srem smembers ' +
    'sismember exec peek has delete'
  ).split(' '),
);

/** Where a cache client comes from: built in this module, or handed out by a project module. */
type ClientOrigin = { readonly kind: 'local' } | { readonly kind: 'import'; readonly ref: ImportRef };

/** `await x` -> `x`, then parentheses and casts. */
function bare(node: Node | undefined): Node | undefined {
  let n = unwrap(node);
  while (n?.type === 'AwaitExpression') n = unwrap(n.argument as Node);
  return n;
}

/** The origin of the value `node` stands for, following locals and method calls back to a client. */
function originOf(ctx: ModuleContext, node: Node | undefined, depth = 0): ClientOrigin | undefined {
  const n = bare(node);
  if (n === undefined || depth > 6) return undefined;
  if (n.type === 'Identifier') {
    const imp = ctx.importOf(n.name as string, n);
    if (imp !== undefined) {
      if (CACHE_PACKAGES.has(imp.source)) return { kind: 'local' };
      return isProjectSource(imp.source)
        ? { kind: 'import', ref: { from: ctx.file, source: imp.source, name: imp.imported } }
        : undefined;
    }
    const v = ctx.valueOf(n);
    return v === n ? undefined : originOf(ctx, v, depth + 1);
  }
  if (n.type === 'NewExpression' || n.type === 'CallExpression') {
    const root = ctx.importRoot(unwrap(n.callee as Node));
    if (root !== undefined && CACHE_PACKAGES.has(root.source)) return { kind: 'local' };
    // `redisClient.getClient()`, `client.pipeline()`: what a client's method answers is that client's.
    const callee = unwrap(n.callee as Node);
    return callee?.type === 'MemberExpression' ? originOf(ctx, callee.object as Node, depth + 1) : undefined;
  }
  if (n.type === 'MemberExpression' && !n.computed) return originOf(ctx, n.object as Node, depth + 1);
  return undefined;
}

/** A key written into the call (`'stopRunning'`, `` `flag` ``): a fixed record, not a caller's cached copy. */
function fixedKey(arg: Node | undefined): boolean {
  const a = unwrap(arg);
  return (
    (a?.type === 'Literal' && typeof a.value === 'string') ||
    (a?.type === 'TemplateLiteral' && (a.expressions as Node[]).length === 0)
  );
}

/** `set(k, v, 'NX')`, `set(k, v, { NX: true })`: a lock acquire. */
function setsIfAbsent(args: readonly Node[]): boolean {
  return args.some((a) => {
    const v = unwrap(a);
    if (v?.type === 'Literal') return typeof v.value === 'string' && v.value.toUpperCase() === 'NX';
    return (
      v?.type === 'ObjectExpression' &&
      (v.properties as Node[]).some(
        (p) => p.type === 'Property' && /^nx$/i.test(String(unwrap(p.key as Node)?.name ?? '')),
      )
    );
  });
}

/** `const client = await conn.getClient()`: an argument-less call whose answer is kept as the client. */
function clientGetter(ctx: ModuleContext, io: Node, call: Node): boolean {
  return (call.arguments as Node[]).length === 0 && ctx.parentOf(io)?.type === 'VariableDeclarator';
}

/** The origin of one I/O node of the try when it is a cache command (or the client's getter). */
function cacheCallOrigin(ctx: ModuleContext, io: Node): ClientOrigin | undefined {
  const call = bare(io);
  if (call?.type !== 'CallExpression') return undefined;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression') return undefined;
  const method = (memberPath(callee)?.at(-1) ?? '').toLowerCase();
  const args = call.arguments as Node[];
  const command = CACHE_COMMANDS.has(method) && !setsIfAbsent(args) && !fixedKey(args[0]);
  return command || clientGetter(ctx, io, call) ? originOf(ctx, callee.object as Node) : undefined;
}

/** Every node of the block that reaches another system (catchFacts.ts), outside nested functions. */
function ioNodes(ctx: ModuleContext, block: Node): Node[] {
  const found: Node[] = [];
  someDescendant(
    block,
    (n) => {
      if (isIoNode(ctx, n)) found.push(n);
      return false;
    },
    true,
  );
  return found;
}

/** The catch only logs and answers nothing (null, undefined, false, 0, an empty list or object). */
function answersNothing(handler: Node): boolean {
  const statements = (handler.body as Node).body as Node[];
  const last = statements.at(-1);
  return (
    last?.type === 'ReturnStatement' &&
    (last.argument == null || isEmptyValue(last.argument as Node)) &&
    statements.slice(0, -1).every((s) => isObservation(s))
  );
}

/**
 * The catch's origin when it is a cache miss: its try reaches only one cache client, and it logs and
 * answers nothing.
 * @example
 * cacheMissOrigin(ctx, handler, tryStatement) // { kind: 'import', ref: { source: './RedisClient', ... } }
 */
export function cacheMissOrigin(
  ctx: ModuleContext,
  handler: Node,
  tryStatement: Node,
): ClientOrigin | undefined {
  if (!answersNothing(handler)) return undefined;
  const io = ioNodes(ctx, tryStatement.block as Node);
  if (io.length === 0) return undefined;
  const origins = io.map((n) => cacheCallOrigin(ctx, n));
  const first = origins[0];
  if (first === undefined || origins.some((o) => o === undefined)) return undefined;
  if (first.kind === 'local') return origins.every((o) => o?.kind === 'local') ? first : undefined;
  return origins.every((o) => o?.kind === 'import' && o.ref.source === first.ref.source) ? first : undefined;
}

/**
 * The report for a catch: nothing for a cache miss on a client built here, and for one handed out by a
 * project module a report the project pass drops when that module builds a cache client.
 * @example
 * const reportHere = reportUnlessCacheMiss(ctx, handler, report);
 */
export function reportUnlessCacheMiss(ctx: ModuleContext, handler: Node, report: Report): Report {
  const origin = cacheMissOrigin(ctx, handler, ctx.parentOf(handler) as Node);
  if (origin === undefined) return report;
  return (rule, node, message, extra) => {
    if (rule !== 'swallowed-error') report(rule, node, message, extra);
    else if (origin.kind === 'import')
      report(rule, node, message, { ...extra, unlessImportCacheClient: origin.ref });
  };
}
