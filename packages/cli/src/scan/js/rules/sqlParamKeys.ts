// random-id-nondeterministic for a row written by raw SQL with bound parameters (node-postgres `$1`,
// mysql2 and sqlite `?`): `db.query('INSERT INTO orders (id, ...) VALUES ($1, ...)', [randomUUID(), ...])`.
// The id column's parameter is made per attempt, so a redelivered message inserts the row again under a
// new key. The column list is matched to the VALUES list and that to the parameter array, by position.
import { calleeName, type Node, someDescendant, stringValue, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { ConsumerView } from '../wiredConsumer.js';
import { selectsOwnWork } from './catchExemptions.js';
import { guarded } from './insertGuards.js';
import type { Report } from './Report.js';
import { RECORD_ID_FIELD, randomCallIn } from './randomValues.js';
import { namedColumnValues } from './sqlNamedParams.js';

const QUERY_CALL = /^(query|execute|run|none|one|oneOrNone|many|any|result)$/;
const INSERT = /\binsert\s+into\s+[^\s(]+\s*\(([^)]*)\)\s*values\s*\(([^)]*)\)/i;
/** The VALUES list with one level of parentheses inside (`CAST(:id AS uuid)`), for named parameters. */
const NAMED_VALUES = /\)\s*values\s*\(((?:[^()]|\([^()]*\))*)\)/i;
/**
 * The statement resolves on a unique key of its own choosing (insert-no-upsert's test, inserts.ts):
 * `ON DUPLICATE KEY UPDATE`, `INSERT IGNORE`, `ON CONFLICT DO NOTHING`, `MERGE`, `WHERE NOT EXISTS`.
 * A fresh random id never collides, so the redelivery hits the other key and writes nothing new.
 */
const UPSERT_SQL =
  /on\s+conflict|on\s+duplicate\s+key|insert\s+ignore|insert\s+or\s+(ignore|replace)|\bmerge\s+into|\bwhere\s+not\s+exists/i;
/** `ON CONFLICT (a, b)`: the columns the upsert resolves on. */
const CONFLICT_TARGET = /on\s+conflict\s*\(([^)]*)\)/i;

/** Split a VALUES list at its top-level commas (`COALESCE(:a, 0), :b` is two entries). */
function topLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts;
}

/**
 * The id-like columns whose random value a redelivery writes again: all of them for a plain INSERT; for
 * an upsert only those its `ON CONFLICT (...)` names (a conflict on the random id itself never fires),
 * none when it resolves on another key or on any key.
 */
function keyColumns(text: string, columns: string[]): Set<string> {
  const ids = columns.filter((c) => RECORD_ID_FIELD.test(c));
  if (!UPSERT_SQL.test(text)) return new Set(ids);
  const target = CONFLICT_TARGET.exec(text);
  if (target === null) return new Set();
  const named = new Set((target[1] ?? '').split(',').map((c) => bare(c).toLowerCase()));
  return new Set(ids.filter((c) => named.has(c.toLowerCase())));
}

/** A column name without its quotes: `"id"`, `` `id` ``, `[id]` -> `id`. */
function bare(column: string): string {
  return column.trim().replace(/^["'`[]|["'`\]]$/g, '');
}

/** The parameter position each VALUES entry binds (`$2` -> 1; the third `?` -> 2), or undefined for a literal. */
function parameterPositions(values: string[]): (number | undefined)[] {
  let question = 0;
  return values.map((v) => {
    const dollar = /^\$(\d+)$/.exec(v);
    if (dollar !== null) return Number(dollar[1]) - 1;
    return v === '?' ? question++ : undefined;
  });
}

/**
 * The random calls bound to an id-like column of an INSERT that `call` runs with a parameter array.
 * @example
 * randomSqlKeys(ctx, call) // db.query('INSERT INTO t ("id", "name") VALUES ($1, $2)', [randomUUID(), n]) -> [randomUUID()]
 */
export function randomSqlKeys(ctx: ModuleContext, call: Node): Node[] {
  const [sql, params] = call.arguments as Node[];
  const array = ctx.valueOf(params);
  if (array?.type !== 'ArrayExpression') return [];
  const text = stringValue(ctx.valueOf(sql)) ?? '';
  const match = INSERT.exec(text);
  if (match === null) return [];
  const columns = (match[1] ?? '').split(',').map(bare);
  const keys = keyColumns(text, columns);
  if (keys.size === 0) return [];
  // Named parameters (sqlNamedParams.ts): their list's shape says what it is, whatever the callee.
  const named = namedColumnValues(ctx, columns, topLevel(NAMED_VALUES.exec(text)?.[1] ?? ''), array);
  if (named !== undefined)
    return [...named]
      .filter(([column]) => keys.has(column))
      .flatMap(([, value]) => randomCallIn(ctx, value) ?? []);
  if (!QUERY_CALL.test(calleeName(call) ?? '')) return [];
  const values = (match[2] ?? '').split(',').map((v) => v.trim());
  const positions = parameterPositions(values);
  const found: Node[] = [];
  columns.forEach((column, i) => {
    const position = positions[i];
    if (position === undefined || !keys.has(column)) return;
    const random = randomCallIn(ctx, (array.elements as Node[])[position]);
    if (random !== undefined) found.push(random);
  });
  return found;
}

const scheduledModules = new WeakMap<ModuleContext, boolean>();

/**
 * The module's handlers are typed as schedule targets only: a run has no message to derive a key from.
 * Asked per insert: answered once per module (a 1 MB bundle with thousands of calls spent seconds here).
 */
export function scheduledOnly(ctx: ModuleContext): boolean {
  let answer = scheduledModules.get(ctx);
  if (answer === undefined) {
    answer =
      /\bScheduled(Event|Handler)\b/.test(ctx.source) &&
      !/\b(SQS|Kinesis\w*|DynamoDBStream|SNS|EventBridge)(Event|Handler)\b/.test(ctx.source);
    scheduledModules.set(ctx, answer);
  }
  return answer;
}

/**
 * The random ids the rule reports for a raw-SQL insert `call` on a consumer's path (none when a lookup
 * guards the insert or a schedule runs it). insert-no-upsert leaves such an insert to this rule: the row is
 * reported once, at its random id.
 */
export function reportedSqlKeys(ctx: ModuleContext, view: ConsumerView, shared: boolean, use: Node): Node[] {
  // insert-no-upsert hands over the SQL literal itself when the call is made around it, or kept in a
  // local constant the function runs by name (`const query = 'INSERT ...'; await client.query(query, [...])`):
  // then every run of it is judged, and the row is handed over only when each has a reported random key.
  if (use.type === 'CallExpression') return keysOf(ctx, view, shared, use);
  const runners = runnersOf(ctx, use);
  const keys = runners.map((call) => keysOf(ctx, view, shared, call));
  return keys.length > 0 && keys.every((k) => k.length > 0) ? keys.flat() : [];
}

function keysOf(ctx: ModuleContext, view: ConsumerView, shared: boolean, call: Node): Node[] {
  if (!shared && !(view.consumer && ctx.handlerKindAt(call) !== undefined)) return [];
  // The insert's own shape first: this runs for every call of a module that names a random call, and the
  // tests below walk handler bodies and search the whole text.
  const keys = randomSqlKeys(ctx, call);
  if (keys.length === 0) return keys;
  // Written only when a lookup found no row (a redelivery finds the first one), or by a scheduled job
  // that selects its own work (each run writes its own rows; the next run is the retry).
  if (selectsOwnWork(ctx) || scheduledOnly(ctx) || guarded(ctx, call)) return [];
  return keys;
}

/** The calls that run an SQL literal: the call around it, or those running the local constant holding it. */
function runnersOf(ctx: ModuleContext, literal: Node): Node[] {
  const parent = ctx.parentOf(literal);
  return parent?.type === 'CallExpression' ? [parent] : constantRunners(ctx, literal);
}

/**
 * The calls of its function that run an SQL literal kept in a local constant: each call whose first
 * argument is that constant (a logger handed it later is no runner). None for a literal written elsewhere.
 * @example
 * constantRunners(ctx, literal) // [`client.query(insertLine, [sku])`] for `const insertLine = 'INSERT ...'`
 */
export function constantRunners(ctx: ModuleContext, literal: Node): Node[] {
  const parent = ctx.parentOf(literal);
  if (parent?.type !== 'VariableDeclarator') return [];
  const id = unwrap(parent.id);
  const fn = ctx.enclosingFunction(literal);
  if (id?.type !== 'Identifier' || fn === undefined) return [];
  const runners: Node[] = [];
  // Only the function's own calls: a walk of the module's per literal was quadratic in a large module.
  someDescendant(fn, (call) => {
    if (call.type !== 'CallExpression' || call.start < parent.end) return false;
    const first = unwrap((call.arguments as Node[])[0]);
    if (
      first?.type === 'Identifier' &&
      first.name === id.name &&
      ctx.resolve(id.name as string, first)?.declaration === parent
    )
      runners.push(call);
    return false;
  });
  return runners;
}

/**
 * Reports the random ids of raw-SQL inserts on a consumer's path:
 * `db.query('INSERT INTO t (id, ...) VALUES ($1, ...)', [randomUUID(), ...])`.
 */
export function sqlKeyRule(
  ctx: ModuleContext,
  report: Report,
  view: ConsumerView,
  shared: boolean,
  call: Node,
): void {
  for (const random of reportedSqlKeys(ctx, view, shared, call))
    report(
      'random-id-nondeterministic',
      random,
      `the id of the row this INSERT writes is random ${shared ? 'in code a retried consumer reaches' : 'in a queue consumer'}: a redelivered message inserts it again`,
      shared ? { onlyIfConsumerCaller: sharedRequest(ctx, call) } : view.extra,
    );
}
