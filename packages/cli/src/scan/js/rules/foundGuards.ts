// Create-if-absent written across functions: `if (alreadyPaid) return;` in a consumer, then a call that
// reaches a module-local helper which inserts. A redelivery (a retry after a timeout, Lambda's async
// retry) runs after the first delivery and finds what it wrote, so the write is made once per key, not
// once per delivery. Two deliveries at the same moment can both miss the row (read-then-insert races):
// the rules accept that, because a sequential redelivery is the common case.
// Only a test that exits when the lookup FOUND something counts (`if (existing)`, `rows.length > 0`,
// `x !== null`): `if (!order) return` is a precondition a redelivery passes again.

import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { declaredName, nameMentions } from '../flagGated.js';
import { isExported } from '../isExported.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A call named for a read from a store: `findFirst`, `getCases`, `query`, `select`, `count`. */
const READ_CALL = /^(find|get|query|select|count)/i;

/** A DynamoDB read command handed to `send`: `new QueryCommand(...)`. */
const READ_COMMAND = /^(Get|BatchGet|Query|Scan)(Item)?Command$/;

/** A link of a query builder that writes: `db.insert(t).values(v).returning()`, `knex(t).update(v)`. */
const WRITE_LINK =
  /^(insert|update|upsert|delete|del|remove|save|create|merge|replace|put|set|increment|decrement)/i;

/**
 * A query builder's chain that reads: `db.select().from(t).where(c).limit(1)` (Drizzle),
 * `knex(t).where(c).first()`, `qb.select('id').from(t)`. The outer call is named for its last link
 * (`limit`, `first`), so the chain is read whole: a read link (`select`, `find*`, knex's `first`) and no
 * write link (`db.update(t).set(v).where(c)` writes; `.returning()` after an insert is not a lookup).
 */
function readChain(call: Node): boolean {
  let read = false;
  for (let c: Node | undefined = call; c?.type === 'CallExpression'; ) {
    const callee = unwrap(c.callee as Node);
    if (callee?.type !== 'MemberExpression') break;
    const name = propertyName(callee) ?? '';
    if (WRITE_LINK.test(name)) return false;
    read ||= READ_CALL.test(name) || name === 'first';
    c = unwrap(callee.object as Node);
  }
  return read;
}

/** Is `call` a read from a store, or a call of a module-local function that makes one (`hasPaymentFor`)? */
function readCall(ctx: ModuleContext, call: Node, local = true): boolean {
  const name = calleeName(call) ?? '';
  if (READ_CALL.test(name) || readChain(call)) return true;
  const first = unwrap((call.arguments as Node[])[0]);
  if (name === 'send' && first?.type === 'NewExpression' && READ_COMMAND.test(calleeName(first) ?? ''))
    return true;
  if (name === 'all' || name === 'allSettled')
    return (
      first?.type === 'ArrayExpression' &&
      (first.elements as Node[]).some((e) => readExpression(ctx, e, local))
    );
  const callee = unwrap(call.callee as Node);
  const fn = local && callee?.type === 'Identifier' ? ctx.functionOf(callee) : undefined;
  return (
    fn !== undefined && someDescendant(fn, (n) => n.type === 'CallExpression' && readCall(ctx, n, false))
  );
}

/** `await x.findFirst(...)`, `x.findFirst(...)` (in `Promise.all`), or a few results picked from one. */
function readExpression(ctx: ModuleContext, e: Node | undefined, local = true): boolean {
  const v = unwrap(e);
  if (v === undefined) return false;
  if (v.type === 'AwaitExpression') return readExpression(ctx, v.argument as Node, local);
  if (v.type === 'CallExpression') {
    const callee = unwrap(v.callee as Node);
    // What was found, narrowed: `(await getCases(u)).filter(isOpen)`, `rows.find(...)`.
    if (callee?.type === 'MemberExpression' && PICK.test(propertyName(callee) ?? ''))
      return readExpression(ctx, callee.object as Node, local) || readCall(ctx, v, local);
    return readCall(ctx, v, local);
  }
  if (v.type === 'MemberExpression' && (v.computed || RESULT.test(propertyName(v) ?? '')))
    return readExpression(ctx, v.object as Node, local);
  if (v.type === 'LogicalExpression' && v.operator === '??')
    return readExpression(ctx, v.left as Node, local);
  return false;
}

/** Array methods that narrow what a lookup found. */
const PICK = /^(filter|find|findLast|at|slice)$/;

/** Where a client puts the rows it found: `res.rows`, `out.Items`, `out.Item`, `res.data`. */
const RESULT = /^(rows|Items|Item|Count|data|docs|records|results?)$/;

function propertyName(m: Node): string | undefined {
  const p = m.property as Node;
  return !m.computed && p?.type === 'Identifier' ? (p.name as string) : undefined;
}

/**
 * Does `id` hold what a store read found (`const x = await prisma.x.findFirst()`, `const [a, b] = await
 * Promise.all([...])`, `const open = (await getCases(u)).filter(isOpen)`), or a const that tests it for
 * existence (`const hasOpen = open.length > 0`)? A value from the event (an awaited parse) does not.
 */
export function foundValue(ctx: ModuleContext, id: Node, depth = 0): boolean {
  const b = ctx.resolve(id.name as string, id);
  if (b === undefined) return false;
  const declared = b.declaration?.type === 'VariableDeclarator' ? (b.declaration.init as Node) : undefined;
  const init = unwrap((b.init as Node | undefined) ?? declared);
  if (init === undefined) return false;
  if (readExpression(ctx, init)) return true;
  return (
    b.kind === 'const' && depth < 3 && (existence(ctx, init, depth + 1) || narrowed(ctx, init, depth + 1))
  );
}

/** `rows.filter(isOpen)` of a found value. */
function narrowed(ctx: ModuleContext, init: Node, depth: number): boolean {
  const callee = init.type === 'CallExpression' ? unwrap(init.callee as Node) : undefined;
  if (callee?.type !== 'MemberExpression' || !PICK.test(propertyName(callee) ?? '')) return false;
  const object = unwrap(callee.object as Node);
  return object?.type === 'Identifier' && foundValue(ctx, object, depth);
}

/**
 * The found value itself, its first row or its count: `existing`, `existing[0]` (a builder answers an
 * array even with `.limit(1)`), `rows.length`, `out.Count`, `res.rowCount`.
 */
function foundOperand(ctx: ModuleContext, n: Node | undefined, depth: number): boolean {
  const v = unwrap(n);
  if (v?.type === 'Identifier') return foundValue(ctx, v, depth);
  if (v?.type === 'MemberExpression' && v.computed && isZero(v.property as Node))
    return foundOperand(ctx, v.object as Node, depth);
  if (v?.type !== 'MemberExpression' || !/^(length|Count|rowCount|size)$/.test(propertyName(v) ?? ''))
    return false;
  return foundOperand(ctx, v.object as Node, depth);
}

/** `null`, `undefined`: what a lookup that found nothing answers. */
function emptyValue(n: Node | undefined): boolean {
  const v = unwrap(n);
  if (v?.type === 'Identifier') return v.name === 'undefined';
  return v?.type === 'Literal' && v.value === null;
}

const isZero = (n: Node | undefined) => unwrap(n)?.type === 'Literal' && unwrap(n)?.value === 0;
const isOne = (n: Node | undefined) => unwrap(n)?.type === 'Literal' && unwrap(n)?.value === 1;

/**
 * Is `test` an existence test that is true when a store read found something: the value itself
 * (`if (existing)`), a count above zero (`rows.length > 0`, `rows.length`), `x !== null`. A state of what
 * was found (`order.status === 'CANCELLED'`, `user.blocked`), a limit (`open > 5`) or a test of the message
 * is a precondition a redelivery passes again.
 */
function existence(ctx: ModuleContext, test: Node | undefined, depth = 0): boolean {
  const t = unwrap(test);
  if (t === undefined) return false;
  if (t.type === 'Identifier' || t.type === 'MemberExpression') return foundOperand(ctx, t, depth);
  if (t.type === 'LogicalExpression') {
    const [l, r] = [t.left as Node, t.right as Node];
    if (t.operator === '&&') return existence(ctx, l, depth) || existence(ctx, r, depth);
    return t.operator === '||' && existence(ctx, l, depth) && existence(ctx, r, depth);
  }
  if (t.type !== 'BinaryExpression') return false;
  const op = t.operator as string;
  const [l, r] = [t.left as Node, t.right as Node];
  const found = (n: Node) => foundOperand(ctx, n, depth);
  if (op === '!==' || op === '!=')
    return (found(l) && (emptyValue(r) || isZero(r))) || (found(r) && (emptyValue(l) || isZero(l)));
  if (op === '>') return found(l) && isZero(r);
  if (op === '>=') return found(l) && isOne(r);
  if (op === '<') return found(r) && isZero(l);
  return false;
}

/** Is `test` true when a store read found something (and false when it found nothing)? */
const foundTest = (ctx: ModuleContext, test: Node | undefined): boolean => existence(ctx, test);

/**
 * An `if (<test>) { ...; return }` ended before `node` in a block that holds it: the function around it, one
 * enclosing it (the write may sit in a transaction's callback), or a block between, such as the `try` that
 * wraps a step's whole body to log and rethrow. An `if` that holds the write is no guard: its branch runs
 * on every delivery that passes its test; nor is one in a block the write is not in (a `catch` before it).
 * In a loop's body holding the write (no inner loop between), `if (<test>) continue` skips the write too.
 */
export function returnsEarlyWhen(ctx: ModuleContext, node: Node, test: (t: Node) => boolean): boolean {
  // Until a loop is passed on the way up, a `continue` in the loop's own body skips the write as well.
  let inLoop = true;
  for (let block = ctx.parentOf(node); block !== undefined; block = ctx.parentOf(block)) {
    if (block.type !== 'BlockStatement') {
      if (LOOP.test(block.type)) inLoop = false;
      continue;
    }
    const loopBody = inLoop && LOOP.test(ctx.parentOf(block)?.type ?? '');
    const exits = (n: Node) =>
      (n.type === 'ReturnStatement' || (loopBody && n.type === 'ContinueStatement' && n.label == null)) &&
      !nested(ctx, n, block);
    for (const statement of block.body as Node[]) {
      if (statement.start >= node.start) break;
      if (statement.end > node.start) continue;
      if (statement.type !== 'IfStatement' || !test(statement.test as Node)) continue;
      const then = statement.consequent as Node;
      if (exits(then) || someDescendant(then, exits)) return true;
    }
  }
  return false;
}

/** A loop statement: a `continue` in its body ends the iteration. */
const LOOP = /^(For|ForOf|ForIn|While|DoWhile)Statement$/;

/** An `if (<found>) { ...; return }` ended before `node` (returnsEarlyWhen). */
export const returnsWhenFound = (ctx: ModuleContext, node: Node): boolean =>
  returnsEarlyWhen(ctx, node, (t) => foundTest(ctx, t));

/** Is `node` inside a function (for a `continue`: a loop) nested in `outer`? */
function nested(ctx: ModuleContext, node: Node, outer: Node): boolean {
  const loops = node.type === 'ContinueStatement';
  for (let n = ctx.parentOf(node); n !== undefined && n !== outer; n = ctx.parentOf(n))
    if (isFunction(n) || (loops && LOOP.test(n.type))) return true;
  return false;
}

/** The module-local function a write is made in, past inline callbacks (`$transaction(async (tx) => ...)`). */
function namedFunction(ctx: ModuleContext, node: Node): Node | undefined {
  let fn = ctx.enclosingFunction(node);
  while (fn !== undefined && ctx.parentOf(fn)?.type === 'CallExpression') fn = ctx.enclosingFunction(fn);
  return fn;
}

/** The calls of a module-local function in its module, and whether its name is also used otherwise. */
interface Callers {
  calls: Node[];
  /** Handed on as a value (`records.map(write)`): called where this cannot see. */
  handedOn: boolean;
}

/** Per module, once: each function's calls; and per (function, depth), whether every call is guarded. */
const callersOf = new WeakMap<ModuleContext, Map<Node, Callers>>();
const guardedAt = new WeakMap<ModuleContext, Map<Node, Map<number, boolean>>>();

function callers(ctx: ModuleContext, fn: Node): Callers {
  let byFn = callersOf.get(ctx);
  if (byFn === undefined) {
    byFn = new Map();
    for (const c of ctx.of('CallExpression')) {
      const callee = unwrap(c.callee as Node);
      const f = callee?.type === 'Identifier' ? ctx.functionOf(callee) : undefined;
      if (f === undefined) continue;
      const entry = byFn.get(f) ?? { calls: [], handedOn: false };
      entry.calls.push(c);
      byFn.set(f, entry);
    }
    // A mention in a comment counts too, on the safe side; unnamed functions are handed on.
    for (const [f, entry] of byFn) {
      const name = declaredName(ctx, f);
      entry.handedOn = name === undefined || nameMentions(ctx, name) !== entry.calls.length + 1;
    }
    callersOf.set(ctx, byFn);
  }
  return byFn.get(fn) ?? { calls: [], handedOn: true };
}

/**
 * Is `node` guarded where it is written (`guardedHere`), or does every call in this module of the
 * function it is written in (not exported: another module may call it unguarded; not handed on as a
 * value) sit past a found-return, a few calls up?
 */
export function guardedUpstream(
  ctx: ModuleContext,
  node: Node,
  guardedHere: (n: Node) => boolean,
  depth = 0,
): boolean {
  if (guardedHere(node)) return true;
  if (depth >= 3) return false;
  const fn = namedFunction(ctx, node);
  if (fn === undefined || isExported(ctx, fn)) return false;
  const memo = guardedAt.get(ctx) ?? new Map<Node, Map<number, boolean>>();
  guardedAt.set(ctx, memo);
  const byDepth = memo.get(fn) ?? new Map<number, boolean>();
  memo.set(fn, byDepth);
  const known = byDepth.get(depth);
  if (known !== undefined) return known;
  const { calls, handedOn } = callers(ctx, fn);
  const answer =
    calls.length > 0 &&
    !handedOn &&
    calls.every((c) => guardedUpstream(ctx, c, (n) => returnsWhenFound(ctx, n), depth + 1));
  byDepth.set(depth, answer);
  return answer;
}
