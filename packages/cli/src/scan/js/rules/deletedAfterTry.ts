// What follows a try whose catch only logs and deletes the failed work for good: a marker the function read to
// find its work, or the whole list a loop of such tries went over. Split from catchAfter.ts. Each function's
// keyed sends are indexed once, so a try is judged without walking its function again (a handler of thousands
// of tries: 169 s before, 3 s after); thousands of deletes of the read key after thousands of tries still cost
// their product.
import { calleeName, contains, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { deletes, later } from './catchAfter.js';

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

/**
 * The try sits in a `for (const item of items)` loop, and after the loop `items` is handed whole to a
 * delete (`await deleteResponses(db, page.responses)`): the items whose work failed and was only logged
 * are deleted with the rest, so the next run cannot find them again.
 */
export function deletedAfterLoop(ctx: ModuleContext, tryStatement: Node): boolean {
  let loop: Node | undefined;
  for (let p = ctx.parentOf(tryStatement); p !== undefined && !isFunction(p); p = ctx.parentOf(p))
    if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(p.type)) {
      loop = p;
      break;
    }
  if (loop?.type !== 'ForOfStatement') return false;
  const items = ctx.source.slice(loop.right.start, loop.right.end);
  const text = (n: Node) => ctx.source.slice(n.start, n.end);
  // `items`, or built from all of it (`{ Entries: messages.map(toEntry) }`); `items.filter(...)` keeps
  // only some, which is how the failed ones are left out.
  const whole = (a: Node) =>
    text(a) === items ||
    someDescendant(a, (d) => {
      if (text(d) !== items) return false;
      const parent = ctx.parentOf(d);
      return !(
        parent?.type === 'MemberExpression' && /^(filter|find|slice)$/.test(parent.property?.name ?? '')
      );
    });
  return later(ctx, loop).some((s) =>
    someDescendant(
      s,
      (n) => n.type === 'CallExpression' && deletes(ctx, n) && (n.arguments as Node[]).some(whole),
      true,
    ),
  );
}
