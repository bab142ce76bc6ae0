// A marker the function read to find its work, deleted after a try whose catch only logs: the failed work
// cannot come back. Split from catchAfter.ts; each function's sends are indexed once, so a handler of
// thousands of try blocks is judged in time linear in its size, not in the square of its try count.
import { calleeName, contains, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { deletes } from './catchAfter.js';

/** The `Key: {...}` an SDK command is sent with, whitespace dropped: `send(new GetCommand({ Key }))`. */
function commandKey(ctx: ModuleContext, call: Node): string | undefined {
  if (calleeName(call) !== 'send') return undefined;
  const command = ctx.valueOf((call.arguments as Node[])[0]);
  const input = command?.type === 'NewExpression' ? unwrap((command.arguments as Node[])[0]) : undefined;
  const value = input?.type === 'ObjectExpression' ? (ctx.valueOf(input) ?? input) : undefined;
  const key = (value?.properties as Node[] | undefined)?.find(
    (p) => p.type === 'Property' && (p.key?.name ?? p.key?.value) === 'Key',
  );
  return key === undefined ? undefined : ctx.source.slice(key.value.start, key.value.end).replace(/\s+/g, '');
}

interface KeyedCall {
  readonly call: Node;
  readonly key: string;
}

interface SendIndex {
  /** Keyed sends that delete nothing, outside nested functions, in source order: what the function reads. */
  readonly reads: readonly KeyedCall[];
  /** Keyed deletes anywhere in the body, nested functions included (the later-statement walk decides). */
  readonly deleted: readonly KeyedCall[];
}

// A function belongs to one module, so its node keys the index the swallow rules share across its tries.
const indexByFunction = new WeakMap<Node, SendIndex>();

function sendIndex(ctx: ModuleContext, fn: Node): SendIndex {
  let index = indexByFunction.get(fn);
  if (index !== undefined) return index;
  const reads: KeyedCall[] = [];
  const deleted: KeyedCall[] = [];
  someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      const key = commandKey(ctx, n);
      if (key !== undefined && !deletes(ctx, n)) reads.push({ call: n, key });
      return false;
    },
    true,
  );
  someDescendant(fn.body as Node, (n) => {
    if (n.type !== 'CallExpression' || !deletes(ctx, n)) return false;
    const key = commandKey(ctx, n);
    if (key !== undefined) deleted.push({ call: n, key });
    return false;
  });
  index = { reads, deleted };
  indexByFunction.set(fn, index);
  return index;
}

/**
 * After the try, in its function, the record the function read to find its work is deleted anyway: a
 * pending marker read with `GetCommand({ Key: MARKER })`, then `catch (e) { log(e) }` around the work, then
 * `DeleteCommand({ Key: MARKER })`. What failed was only logged, and the marker that would have brought the
 * work back is gone, so not even a job's next run finds it again. A delete that waits on a flag the try sets
 * (`if (invalidated) await ...`) is the success path and does not count.
 * @example
 * deletedAfterTry(ctx, tryStatement) // true: GetCommand({ Key: K }), try { work } catch { log }, DeleteCommand({ Key: K })
 */
export function deletedAfterTry(ctx: ModuleContext, tryStatement: Node): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  if (fn === undefined) return false;
  const { reads, deleted } = sendIndex(ctx, fn);
  const read = new Set<string>();
  for (const r of reads) if (r.call.end < tryStatement.start) read.add(r.key);
  if (read.size === 0) return false;
  const candidates = deleted.filter((d) => d.call.start >= tryStatement.end && read.has(d.key));
  if (candidates.length === 0) return false;
  const assigned = new Set<string>();
  someDescendant(
    tryStatement.block,
    (n) => {
      const left = n.type === 'AssignmentExpression' ? unwrap(n.left) : undefined;
      if (left?.type === 'Identifier') assigned.add(left.name as string);
      return false;
    },
    true,
  );
  const gated = (n: Node) => {
    for (let p = ctx.parentOf(n); p !== undefined && !isFunction(p); p = ctx.parentOf(p)) {
      const test = p.type === 'IfStatement' || p.type === 'ConditionalExpression' ? p.test : undefined;
      const flag = (d: Node) => d.type === 'Identifier' && assigned.has(d.name as string);
      if (test !== undefined && (flag(test) || someDescendant(test, flag))) return true;
    }
    return false;
  };
  return candidates.some((d) => inLaterStatement(ctx, tryStatement, d.call) && !gated(d.call));
}

/**
 * `call` sits in a statement after the try's own, in a block around the try up to its function, and not in a
 * function nested inside that statement (a later statement that is itself a function declaration counts
 * whole): the statements a walk of each enclosing block's later statements would reach.
 */
function inLaterStatement(ctx: ModuleContext, tryStatement: Node, call: Node): boolean {
  let nested = false;
  for (let n: Node = call, p = ctx.parentOf(n); p !== undefined; n = p, p = ctx.parentOf(p)) {
    if (contains(p, tryStatement)) {
      // `p` is the nearest node around both, `n` the statement the call sits in: it counts only from a block
      // between the try and its function, and only when no function between the call and `n` hides it.
      if (p.type !== 'BlockStatement' || nested) return false;
      for (let q = ctx.parentOf(tryStatement); q !== undefined && q !== p; q = ctx.parentOf(q))
        if (isFunction(q)) return false;
      return true;
    }
    if (isFunction(n)) nested = true;
  }
  return false;
}
