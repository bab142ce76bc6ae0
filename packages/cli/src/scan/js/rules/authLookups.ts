// Lookups an auth check makes after (or instead of) verifying a signature: the user, session or API key
// read from a database or cache. When the try around such a read answers 401/403 for any error, a database
// or cache outage looks like every caller being logged out: `req.user = await User.findById(decoded.id)`
// in Express "protect" middleware, `prisma.session.findUnique(...)`, `redis.get('sess:' + id)`, an AWS SDK
// v2 call ending in `.promise()`. Recognised by the shape of the call, never by the project's names.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { knexQueryStart } from './authKnexQuery.js';
import { queryBuilderStart } from './authQueryBuilders.js';

/**
 * Read methods of ORMs and document stores (Mongoose, Prisma, TypeORM, Sequelize, MikroORM, Drizzle's
 * query API): named so by the libraries, and not by much else.
 */
const ORM_READ =
  /^(findById|findOne|findOneBy|findOneOrFail|findOneByOrFail|findByPk|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findByIdAndUpdate|findOneAndUpdate)$/;
/** Key-value reads of a cache client. */
const CACHE_READ = /^(get|hget|hgetall|hGetAll|hGet|getex|getEx|exists|mget|mGet)$/;
/** A receiver that is a cache client: `redis`, `this.redisClient`, `cache`, `kv`, `valkey`, `upstash`. */
const CACHE_RECEIVER = /redis|cache|^kv$|valkey|upstash|memcache/i;
/** An in-process store: `new Map()`, `new Set()`, an LRU (`new LRUCache(...)`, `new LRU(...)`), `{}`. */
const IN_MEMORY = /^(Map|Set|WeakMap|WeakSet|LRUCache|LRU|QuickLRU|NodeCache|TTLCache)$/;

/** Is `receiver` a module's own in-memory cache (`const cache = new Map()`), whose read cannot fail remotely? */
function inMemory(ctx: ModuleContext, receiver: Node | undefined): boolean {
  const r = unwrap(receiver);
  if (r?.type !== 'Identifier') return false;
  const made = unwrap(ctx.valueOf(r));
  if (made?.type === 'ObjectExpression') return true;
  return (
    made?.type === 'NewExpression' && IN_MEMORY.test((unwrap(made.callee as Node)?.name as string) ?? '')
  );
}
/** SQL through a pool or client: `pool.query(...)`, `db.execute(...)`, `sql.query(...)`. */
const SQL_RUN = /^(query|execute|oneOrNone|one|any|maybeOne)$/;
const SQL_RECEIVER = /^(pool|db|database|client|conn|connection|sql|pg|mysql|knex|tx|trx)$|Pool$|Db$/i;
/** An AWS SDK v2 service object: `await cognito.getUser(params).promise()`, `docClient.get(...).promise()`. */
const SDK_V2 = /client|ddb|dynamo|kms|ssm|secrets|cognito|identity|sts|documentclient/i;

/** The reads of @aws/dynamodb-data-mapper's DataMapper: each is a DynamoDB request (GetItem, Query...). */
const MAPPER_READ = /^(get|query|scan|batchGet|parallelScan)$/;
const DATA_MAPPER = '@aws/dynamodb-data-mapper';

/** `mapper.get(item)` on a `new DataMapper(...)` of the package (seen where the receiver is made). */
function dataMapperRead(ctx: ModuleContext, name: string, receiver: Node | undefined): boolean {
  if (!MAPPER_READ.test(name)) return false;
  const made = unwrap(ctx.valueOf(unwrap(receiver)));
  return made?.type === 'NewExpression' && ctx.importRoot(made.callee)?.source === DATA_MAPPER;
}

/**
 * Is `call` (perhaps inside a chain such as `.select(...)`, `.lean()`) awaited, or, inside a promise's
 * executor, chained to a `.catch` that rejects that promise (`Key.findOne(q).then(...).catch(reject)`)?
 */
function awaitedChain(ctx: ModuleContext, call: Node): boolean {
  let n = call;
  const links: Node[] = [];
  for (let p = ctx.parentOf(n); p !== undefined; n = p, p = ctx.parentOf(n)) {
    if (p.type === 'AwaitExpression') return true;
    if (p.type === 'CallExpression' && p.callee === n) links.push(p);
    // Up the chain only: the object of a member, the callee of a call (not an argument handed to one).
    const through =
      (p.type === 'MemberExpression' && p.object === n) ||
      (p.type === 'CallExpression' && p.callee === n) ||
      p.type === 'ChainExpression' ||
      p.type === 'ParenthesizedExpression' ||
      p.type === 'TSNonNullExpression';
    if (!through) return links.length > 0 && rejectsExecutor(ctx, n, links);
  }
  return false;
}

/**
 * `new Promise((resolve, reject) => { lookup().then(...).catch(reject) })`: the chain's catch (or a
 * `then`'s second callback) hands the lookup's failure to the executor's `reject`, so whoever awaits the
 * promise sees it as if the lookup were awaited there.
 */
function rejectsExecutor(ctx: ModuleContext, top: Node, links: Node[]): boolean {
  const executor = ctx.enclosingFunction(top);
  const made = executor === undefined ? undefined : ctx.parentOf(executor);
  if (made?.type !== 'NewExpression' || unwrap(made.callee)?.name !== 'Promise') return false;
  const reject = unwrap((executor?.params as Node[] | undefined)?.[1]);
  if (reject?.type !== 'Identifier') return false;
  const name = reject.name as string;
  return links.some((link) => {
    const method = calleeName(link);
    const args = link.arguments as Node[];
    const handler = unwrap(method === 'catch' ? args[0] : method === 'then' ? args[1] : undefined);
    if (handler === undefined) return false;
    if (handler.type === 'Identifier') return handler.name === name;
    return someDescendant(
      handler,
      (m) =>
        m.type === 'CallExpression' &&
        unwrap(m.callee)?.type === 'Identifier' &&
        unwrap(m.callee)?.name === name,
      true,
    );
  });
}

/**
 * What an awaited database or cache read in an auth check reads from (`User.findById()`), or undefined
 * for any other call.
 */
export function dataLookup(ctx: ModuleContext, call: Node): string | undefined {
  const what = lookupKind(ctx, call);
  return what !== undefined && awaitedChain(ctx, call) ? what : undefined;
}

/**
 * What a database or cache read reads from, whether or not its promise is awaited here (a function may hand
 * it back for its caller to await: rules/authHandedLookups.ts).
 */
export function lookupKind(ctx: ModuleContext, call: Node): string | undefined {
  const callee = unwrap(call.callee);
  if (knexQueryStart(ctx, call)) return 'the knex query (database)';
  if (callee?.type !== 'MemberExpression') return undefined;
  const name = calleeName(call) ?? '';
  const receiver = memberPath(callee.object)?.at(-1) ?? '';
  let what: string | undefined;
  if (ORM_READ.test(name)) what = `the ${receiver ? `${receiver}.` : ''}${name}() lookup (database)`;
  else if (CACHE_READ.test(name) && CACHE_RECEIVER.test(receiver) && !inMemory(ctx, callee.object as Node))
    what = `the ${receiver}.${name}() lookup (cache)`;
  else if (dataMapperRead(ctx, name, callee.object as Node))
    what = `the ${receiver}.${name}() read (DynamoDB data mapper)`;
  else if (SQL_RUN.test(name) && SQL_RECEIVER.test(receiver))
    what = `the ${receiver}.${name}() query (database)`;
  else if (name === 'promise' && (call.arguments as Node[]).length === 0) {
    const inner = unwrap(callee.object);
    const innerCallee = inner?.type === 'CallExpression' ? unwrap(inner.callee) : undefined;
    const service =
      inner !== undefined && innerCallee?.type === 'MemberExpression'
        ? (memberPath(innerCallee.object)?.at(-1) ?? '')
        : '';
    if (SDK_V2.test(service)) what = `${service}.${inner === undefined ? '' : calleeName(inner)}() (AWS)`;
  } else if (SQL_RECEIVER.test(receiver) && queryBuilderStart(ctx, call))
    what = `the ${receiver}.${name}() query (database)`;
  return what;
}
