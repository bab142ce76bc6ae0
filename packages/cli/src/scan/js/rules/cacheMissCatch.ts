// swallowed-error: a cache wrapper's catch whose failure costs latency, not data. Readers of the working set
// label this a trap (a Redis read failure falls back to the store of record; a failed cache write or
// invalidation is best effort). What is accepted, all of it at once:
// - every call of the try that reaches another system is a cache command on one cache client
//   (cacheClientOrigin.ts), or the argument-less getter whose variable is the receiver of such a command;
// - a READ (get, mget, hget, hgetall, lrange, smembers, zrange, scan...) answering a miss: null, undefined,
//   [] or {}; a try with a WRITE (set, setex, mset, hset, del, unlink, expire, hdel) may also answer false
//   or 0 (no-op). An invalidation that fails leaves the old value until its TTL (forever without one);
// - positive evidence of cache-aside: the enclosing function, its class or the module's file name says
//   cache (`CacheService`, `getCached`, `cache.ts`), or a key starts with `cache:`.
// Still reported: guards (exists, sismember, incr*, decr*: a fail-open guard), locks (`set ... NX`), scripts
// (eval), publish, list and set writes (lpush, sadd: rarely a copy of a store), a fixed key (a flag), and
// a record kept only in Redis, told by the function or key naming a session, token, code, hold, lock,
// idempotency record, counter or rate limit. Not read: a caller that reads another store on the null
// answer without the word cache anywhere near (not followed across calls).
import { type Node, someDescendant, unwrap } from '../ast.js';
import { bare, type ClientOrigin, clientOrigin } from '../cacheClientOrigin.js';
import { isDefaultValue, isEmptyValue } from '../emptyValues.js';
import { enclosingClass } from '../httpInstances.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode, isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

const READS = new Set(
  'get mget hget hmget hgetall lrange smembers zrange zrangebyscore zrevrange zrevrangebyscore scan keys'.split(
    ' ',
  ),
);
const WRITES = new Set('set setex psetex mset hset hmset del unlink expire pexpire hdel'.split(' '));

/** What a getter's client must be used for in the try: a command, or a pipeline of them. */
const CLIENT_METHODS = new Set([...READS, ...WRITES, 'pipeline', 'multi']);

/** A record kept only in Redis, not a cached copy: sessions, codes, holds, locks, guards' counters. */
const ONLY_STORE =
  /session|token|otp|code|verif|hold|idempot|lock|nonce|revok|black_?list|block_?list|deny|seat|reserv|rate|limit|counter|quota|attempt/i;
const SAYS_CACHE = /cache/i;

/** One command of the try: its kind, its receiver's origin and its key's text. */
interface Command {
  readonly kind: 'read' | 'write';
  readonly origin: ClientOrigin;
  readonly key: string;
}

/** The method name of a member call, lower-cased. */
function methodOf(call: Node): string | undefined {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression' || callee.computed) return undefined;
  return String(unwrap(callee.property as Node)?.name ?? '').toLowerCase();
}

/** A key written into the call (`'stopRunning'`): a fixed record (a flag), not a caller's cached copy. */
function fixedKey(arg: Node | undefined): boolean {
  const a = unwrap(arg);
  return (
    (a?.type === 'Literal' && typeof a.value === 'string' && !/^cache[:_-]/i.test(a.value)) ||
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

/** The member calls of the try on the variable `name` (a pipeline's queued commands, a getter's client). */
function callsOn(block: Node, name: string): Node[] {
  const calls: Node[] = [];
  someDescendant(block, (n) => {
    const callee = n.type === 'CallExpression' ? unwrap(n.callee as Node) : undefined;
    const receiver = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
    if (receiver?.type === 'Identifier' && receiver.name === name) calls.push(n);
    return false;
  });
  return calls;
}

/** The kind of one command call, or undefined when it is no cache read or write (a guard, a lock, a script). */
function kindOf(call: Node): 'read' | 'write' | undefined {
  const method = methodOf(call) ?? '';
  const args = call.arguments as Node[];
  if (setsIfAbsent(args) || fixedKey(args[0])) return undefined;
  return READS.has(method) ? 'read' : WRITES.has(method) ? 'write' : undefined;
}

/** One I/O node of the try read as a cache command (a pipeline's `exec` as its queued commands). */
function commandOf(ctx: ModuleContext, block: Node, io: Node): Command | 'getter' | undefined {
  const call = bare(io);
  if (call?.type !== 'CallExpression') return undefined;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression') return undefined;
  const receiver = unwrap(callee.object as Node);
  const origin = clientOrigin(ctx, receiver);
  const method = methodOf(call);
  if (origin !== undefined && method === 'exec' && receiver?.type === 'Identifier') {
    const queued = callsOn(block, receiver.name as string).filter((c) => methodOf(c) !== 'exec');
    const kinds = queued.map(kindOf);
    if (queued.length === 0 || kinds.some((k) => k === undefined)) return undefined;
    return { kind: kinds.includes('write') ? 'write' : 'read', origin, key: '' };
  }
  const holder = ctx.parentOf(io);
  // `const client = await conn.getClient()`: a getter only when what it yields is used for a command here.
  if ((call.arguments as Node[]).length === 0 && holder?.type === 'VariableDeclarator') {
    const id = unwrap(holder.id as Node);
    const used = id?.type === 'Identifier' ? callsOn(block, id.name as string) : [];
    const commands = used.filter((c) => CLIENT_METHODS.has(methodOf(c) ?? ''));
    return commands.length > 0 && clientOrigin(ctx, call) !== undefined ? 'getter' : undefined;
  }
  if (origin === undefined) return undefined;
  const kind = kindOf(call);
  const key = (call.arguments as Node[])[0];
  return kind === undefined
    ? undefined
    : { kind, origin, key: key ? ctx.source.slice(key.start, key.end) : '' };
}

/** The name of the function a node sits in (a method, a declaration, a const). */
function functionName(ctx: ModuleContext, fn: Node | undefined): string {
  const parent = fn === undefined ? undefined : ctx.parentOf(fn);
  const named = fn?.id ?? (parent?.type === 'VariableDeclarator' ? parent.id : parent?.key);
  return String(unwrap(named as Node)?.name ?? '');
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

/** The catch only observes the error and answers what `accept` takes. */
function answers(handler: Node, accept: (n: Node | undefined) => boolean): boolean {
  const statements = (handler.body as Node).body as Node[];
  const last = statements.at(-1);
  return (
    last?.type === 'ReturnStatement' &&
    accept(last.argument as Node | undefined) &&
    statements.slice(0, -1).every((s) => isObservation(s))
  );
}

/** A read's miss: nothing, null, undefined, [] or {} (not false or 0, a guard's answer). */
function missAnswer(n: Node | undefined): boolean {
  const v = unwrap(n);
  return (
    v === undefined || (isEmptyValue(v) && !(v.type === 'Literal' && (v.value === false || v.value === 0)))
  );
}

/**
 * The catch's client origin when it is a cache-aside miss or no-op (header); undefined otherwise.
 * @example
 * cacheMissOrigin(ctx, handler, tryStatement) // { kind: 'import', ref: { source: './RedisClient', ... } }
 */
export function cacheMissOrigin(
  ctx: ModuleContext,
  handler: Node,
  tryStatement: Node,
): ClientOrigin | undefined {
  const block = tryStatement.block as Node;
  const found = ioNodes(ctx, block).map((n) => commandOf(ctx, block, n));
  const commands = found.filter((c): c is Command => typeof c === 'object');
  if (commands.length === 0 || found.some((c) => c === undefined)) return undefined;
  const writes = commands.some((c) => c.kind === 'write');
  if (!answers(handler, writes ? isDefaultValue : missAnswer)) return undefined;
  const fn = ctx.enclosingFunction(handler);
  const name = functionName(ctx, fn);
  if (ONLY_STORE.test(name) || commands.some((c) => ONLY_STORE.test(c.key))) return undefined;
  const cls = enclosingClass(ctx, handler);
  const className = String(unwrap(cls?.id as Node)?.name ?? '');
  const file = ctx.file.split('/').at(-1) ?? '';
  const says = [name, className, file].some((s) => SAYS_CACHE.test(s));
  if (!says && !commands.some((c) => /^[`'"]cache[:_-]/i.test(c.key))) return undefined;
  const first = commands[0]?.origin as ClientOrigin;
  const same = (o: ClientOrigin) =>
    first.kind === 'local' ? o.kind === 'local' : o.kind === 'import' && o.ref.source === first.ref.source;
  return commands.every((c) => same(c.origin)) ? first : undefined;
}

/**
 * The report for a catch: nothing for a cache-aside miss on a client built here; for one handed out by a
 * project module, a report the project pass drops when that module is cache-only (importedCacheClients.ts).
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
