// The clock as the id rules see it: `new Date()`, `Date.now()` or a date library's call of the same
// clock (a value new per attempt, like a random one), and the clock cut to its day (the same on a
// redelivery that day, so neither a random key nor a per-attempt upsert filter).
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The date libraries whose call with no argument reads the clock. */
const CLOCK_LIBRARIES: ReadonlySet<string> = new Set(['moment', 'moment-timezone', 'dayjs', 'luxon']);

/** luxon's `DateTime` methods that read the clock when given no argument. */
const LUXON_NOW = /^(now|local|utc)$/;

/**
 * `new Date()` with no argument, or a date library's call of the same clock, judged by what is imported
 * and not by the local name: `day()` of `import day from 'dayjs'`, `moment.utc()`, moment-timezone's
 * `mtz.tz(zone)`, `Luxon.now()` of `{ DateTime as Luxon }`, `luxon.DateTime.now()` of a namespace. The
 * time of this attempt, as a key as new per redelivery as a random one. Given a time
 * (`dayjs(event.time)`) it is that time; a local `const dayjs = () => fixed` is no library.
 */
export function clockNow(ctx: ModuleContext, n: Node): boolean {
  if (n.type !== 'NewExpression' && n.type !== 'CallExpression') return false;
  const args = (n.arguments as Node[]).length;
  const callee = unwrap(n.callee);
  if (n.type === 'NewExpression')
    return args === 0 && callee?.type === 'Identifier' && callee.name === 'Date';
  const path = memberPath(callee);
  if (path === undefined || path.length === 0) return false;
  const imp = ctx.importOf(path[0] as string, callee as Node);
  if (imp === undefined || !CLOCK_LIBRARIES.has(imp.source)) return false;
  const rest = path.slice(1);
  const whole = imp.imported === 'default' || imp.imported === '*';
  if (imp.source === 'luxon') {
    // `DateTime.now()` of `{ DateTime }` (any local name), `luxon.DateTime.now()` of the module.
    const method = imp.imported === 'DateTime' && rest.length === 1 ? rest[0] : undefined;
    const nsMethod = whole && rest.length === 2 && rest[0] === 'DateTime' ? rest[1] : undefined;
    return args === 0 && LUXON_NOW.test(method ?? nsMethod ?? '');
  }
  if (!whole) return false;
  // moment-timezone's `tz(zone)` with the zone alone is now in that zone; `tz(time, zone)` is that time.
  if (imp.source === 'moment-timezone' && rest.length === 1 && rest[0] === 'tz') return args === 1;
  // `moment()`, `dayjs()`, `moment.utc()`.
  return args === 0 && (rest.length === 0 || (rest.length === 1 && rest[0] === 'utc'));
}

/** A format that names nothing finer than the day: no hour, minute, second, epoch or am/pm token. */
const FINER_THAN_DAY = /[HhkmsSxXaAT]/;

/**
 * Is `made` (a random or clock call) the clock formatted to the day (`moment().format('YYYY-MM-DD')`,
 * `DateTime.now().toISODate()`)? Redelivered the same day, it is the same value.
 */
export function dayLevelClock(ctx: ModuleContext, made: Node | undefined): boolean {
  if (made === undefined || !clockNow(ctx, made)) return false;
  const member = ctx.parentOf(made);
  if (member?.type !== 'MemberExpression' || member.object !== made) return false;
  const name = propertyName(member.property, member.computed as boolean);
  const call = ctx.parentOf(member);
  if (call?.type !== 'CallExpression' || call.callee !== member) return false;
  if (name === 'toISODate') return true;
  const format = (call.arguments as Node[])[0];
  return (
    (name === 'format' || name === 'toFormat') &&
    format?.type === 'Literal' &&
    typeof format.value === 'string' &&
    !FINER_THAN_DAY.test(format.value)
  );
}

/**
 * Is the clock value `made` cut to its day (`new Date().toISOString().substring(0, 10)`, `.slice(0, 10)`,
 * `.split('T')[0]`)? A date folder (keyedWriteKeys.ts) or an upsert filter's day (upsertFilters.ts) is the same on a redelivery that day.
 */
export function dayOnly(ctx: ModuleContext, made: Node): boolean {
  let n: Node | undefined = made;
  for (let i = 0; i < 6 && n !== undefined; i++, n = ctx.parentOf(n)) {
    if (n.type !== 'CallExpression') continue;
    const name = propertyName(unwrap(n.callee as Node)?.property as Node | undefined) ?? '';
    const args = n.arguments as Node[];
    if (/^(substring|slice|substr)$/.test(name) && unwrap(args[1])?.value === 10) return true;
    if (name === 'split' && unwrap(args[0])?.value === 'T') return true;
  }
  return false;
}

/** Is `made` (a random or clock call) the clock (`new Date()`, `Date.now()`, `dayjs()`), not a random id? */
export function clockValue(ctx: ModuleContext, made: Node | undefined): boolean {
  if (made === undefined) return false;
  return clockNow(ctx, made) || memberPath((made as Node).callee)?.join('.') === 'Date.now';
}
