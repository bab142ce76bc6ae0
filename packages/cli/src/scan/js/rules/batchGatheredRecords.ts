// A batch handler whose record loop only reads its records locally (parses them, picks fields, gathers
// entries into a list) and whose one I/O is a whole-call SDK send after the loop (`PutMetricData` of every
// datum) has no record whose failure it could name: a bad record fails the same way on
// every delivery, and the batch-wide call fails the whole batch, whose redelivery is the right answer.
import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { FAILURE_FIELD } from './batchApis.js';
import { isRecords } from './batchIds.js';
import { isLogCall } from './catchFacts.js';

/** Calls that only compute or collect in memory: parsing, formatting, array and string methods, math. */
const LOCAL_CALL =
  /^(parse|stringify|push|unshift|map|filter|reduce|find|some|every|includes|indexOf|slice|split|trim|toString|toLowerCase|toUpperCase|String|Number|Boolean|parseInt|parseFloat|isNaN|isFinite|from|keys|values|entries|isArray|min|max|round|floor|ceil|abs|now|getTime|toISOString|startsWith|endsWith|replace|join|concat)$/;

/** Values built in memory (`new Date(ts)`, `new Error(...)`). */
const LOCAL_NEW = /^(Date|Error|TypeError|RangeError|Map|Set|URL|URLSearchParams)$/;

/** `event.Records`, also with a fallback (`event.Records || []`, `event.Records ?? []`). */
function recordsOf(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type === 'LogicalExpression') return recordsOf(ctx, n.left as Node);
  return isRecords(ctx, n);
}

/** The bodies of the function's loops over its records: `for (const r of event.Records)`, `Records.forEach(...)`. */
function recordLoops(ctx: ModuleContext, fn: Node): Node[] {
  const loops: Node[] = [];
  someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type === 'ForOfStatement' && recordsOf(ctx, n.right as Node)) loops.push(n);
      const callee = unwrap(n.callee as Node | undefined);
      if (
        n.type === 'CallExpression' &&
        callee?.type === 'MemberExpression' &&
        /^(forEach|map|flatMap)$/.test(calleeName(n) ?? '') &&
        recordsOf(ctx, callee.object as Node)
      )
        loops.push(n);
      return false;
    },
    true,
  );
  return loops;
}

/** Does the node only compute in memory: no await, no call or construction beyond the local ones? */
function localOnly(node: Node): boolean {
  return !someDescendant(node, (n) => {
    if (n.type === 'AwaitExpression' || n.type === 'YieldExpression') return true;
    if (n.type === 'NewExpression') return !LOCAL_NEW.test(unwrap(n.callee as Node)?.name ?? '');
    if (n.type !== 'CallExpression') return false;
    const stdio = /^process\.std(out|err)\.write$/.test(memberPath(n.callee as Node)?.join('.') ?? '');
    return !stdio && !isLogCall(n) && !LOCAL_CALL.test(calleeName(n) ?? '');
  });
}

/**
 * Is the loop's per-record body one try with a catch (`for (const r of Records) { try { ... } catch {} }`)?
 * A parse outside a try throws on a malformed body and fails the whole batch: that record is one to name.
 */
function guarded(loop: Node): boolean {
  const fnBody = loop.type === 'CallExpression' ? unwrap((loop.arguments as Node[])[0])?.body : undefined;
  const body = unwrap((loop.type === 'ForOfStatement' ? loop.body : fnBody) as Node | undefined);
  const statements = body?.type === 'BlockStatement' ? (body.body as Node[]) : body ? [body] : [];
  return statements.length === 1 && statements[0]?.type === 'TryStatement' && statements[0].handler != null;
}

/**
 * Is every call outside the record loops local, a log line, or an SDK v3 send of a command that answers for
 * the whole call (`cw.send(new PutMetricDataCommand(...))`), with no loop and no callback of its own? A
 * project function handed the gathered list may work item by item, and a batch API with per-entry
 * failures (`SendMessageBatch`, `BatchWriteItem`) has per-record outcomes to name.
 */
function onlyWholeSendsElsewhere(fn: Node, loops: readonly Node[]): boolean {
  return !someDescendant(fn.body as Node, (n) => {
    if (loops.some((l) => l.start <= n.start && n.end <= l.end)) return false;
    if (/^(For|ForOf|ForIn|While|DoWhile)Statement$/.test(n.type) || isFunction(n)) return true;
    if (n.type === 'NewExpression') {
      const name = unwrap(n.callee as Node)?.name ?? '';
      return !LOCAL_NEW.test(name) && !(/Command$/.test(name) && FAILURE_FIELD[name] === undefined);
    }
    if (n.type !== 'CallExpression' || isLogCall(n) || LOCAL_CALL.test(calleeName(n) ?? '')) return false;
    if (calleeName(n) !== 'send') return true;
    const command = unwrap((n.arguments as Node[])[0]);
    return command?.type !== 'NewExpression';
  });
}

/**
 * Does the handler only gather its records locally, doing its I/O once for the whole batch after?
 * @example
 * recordsOnlyGathered(ctx, fn) // true for `for (const r of event.Records) { try { data.push(JSON.parse(r.body)) } catch {} } await cw.send(new PutMetricDataCommand({ MetricData: data }))`
 */
export function recordsOnlyGathered(ctx: ModuleContext, fn: Node): boolean {
  const loops = recordLoops(ctx, fn);
  if (loops.length === 0 || !loops.every((l) => localOnly(l) && guarded(l))) return false;
  const sends = someDescendant(
    fn.body as Node,
    (n) => n.type === 'CallExpression' && calleeName(n) === 'send',
  );
  if (!sends) return false;
  return onlyWholeSendsElsewhere(fn, loops);
}
