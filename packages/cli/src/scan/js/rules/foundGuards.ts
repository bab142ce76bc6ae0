// Create-if-absent written across functions: `if (alreadyPaid) return;` in a consumer, then a call that
// reaches a module-local helper which inserts. A redelivery (a retry after a timeout, Lambda's async
// retry) runs after the first delivery and finds what it wrote, so the write is made once per key, not
// once per delivery. Two deliveries at the same moment can both miss the row (read-then-insert races):
// the rules accept that, as the labels' readers do, because a sequential redelivery is the common case.
// Only a test that exits when the lookup FOUND something counts (`if (existing)`, `rows.length > 0`,
// `x !== null`): `if (!order) return` is a precondition a redelivery passes again.

import { escapeRegExp } from '../../escapeRegExp.js';
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { isExported } from '../isExported.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * A value an await loaded, directly (`const x = await find()`, `const [a, b] = await Promise.all(...)`)
 * or through a few consts built from one (`const open = (await getCases(u)).filter(isOpen)`,
 * `const hasOpen = open.length > 0`).
 */
export function loadedValue(ctx: ModuleContext, id: Node, depth = 0): boolean {
  const b = ctx.resolve(id.name as string, id);
  if (b === undefined) return false;
  const declared = b.declaration?.type === 'VariableDeclarator' ? (b.declaration.init as Node) : undefined;
  const init = unwrap((b.init as Node | undefined) ?? declared);
  if (init === undefined) return false;
  if (init.type === 'AwaitExpression') return true;
  if (b.kind !== 'const' || depth >= 3) return false;
  return someDescendant(init, (n) => {
    if (isFunction(n)) return false;
    if (n.type === 'AwaitExpression') return true;
    return n.type === 'Identifier' && n !== id && n.name !== id.name && loadedValue(ctx, n, depth + 1);
  });
}

/** Does `n` (itself included: `if (existing)`) read a loaded value? */
const readsLoaded = (ctx: ModuleContext, n: Node) =>
  someDescendant(
    { type: 'Wrap', start: n.start, end: n.end, n } as Node,
    (d) => d.type === 'Identifier' && loadedValue(ctx, d),
  );

/** `null`, `undefined`, `0`, `false`, `''`: what a lookup that found nothing answers. */
function emptyValue(n: Node | undefined): boolean {
  const v = unwrap(n);
  if (v?.type === 'Identifier') return v.name === 'undefined';
  return v?.type === 'Literal' && (v.value === null || v.value === 0 || v.value === false || v.value === '');
}

/** Is `test` true when the lookup found something (and false when it found nothing)? */
export function foundTest(ctx: ModuleContext, test: Node | undefined): boolean {
  const t = unwrap(test);
  if (t === undefined) return false;
  if (t.type === 'UnaryExpression') return false;
  if (t.type === 'LogicalExpression') {
    const [l, r] = [t.left as Node, t.right as Node];
    return t.operator === '&&'
      ? foundTest(ctx, l) || foundTest(ctx, r)
      : foundTest(ctx, l) && foundTest(ctx, r);
  }
  if (t.type === 'BinaryExpression') {
    const op = t.operator as string;
    const [l, r] = [t.left as Node, t.right as Node];
    if (op === '<' || op === '<=') return false;
    if ((op === '===' || op === '==') && (emptyValue(l) || emptyValue(r))) return false;
    if ((op === '!==' || op === '!=') && !(emptyValue(l) || emptyValue(r))) return false;
  }
  return readsLoaded(ctx, t);
}

/**
 * An `if (<found>) { ...; return }` written before `node` in the function around it or one enclosing it
 * (the write may sit in a transaction's callback).
 */
export function returnsWhenFound(ctx: ModuleContext, node: Node): boolean {
  for (let fn = ctx.enclosingFunction(node); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const body = fn.body as Node | undefined;
    if (body?.type !== 'BlockStatement') continue;
    for (const statement of body.body as Node[]) {
      if (statement.start >= node.start) break;
      if (statement.type !== 'IfStatement' || !foundTest(ctx, statement.test as Node)) continue;
      const then = statement.consequent as Node;
      if (
        then.type === 'ReturnStatement' ||
        someDescendant(then, (n) => n.type === 'ReturnStatement' && !nested(ctx, n, statement))
      )
        return true;
    }
  }
  return false;
}

function nested(ctx: ModuleContext, node: Node, outer: Node): boolean {
  for (let n = ctx.parentOf(node); n !== undefined && n !== outer; n = ctx.parentOf(n))
    if (isFunction(n)) return true;
  return false;
}

/** The module-local function a write is made in, past inline callbacks (`$transaction(async (tx) => ...)`). */
function namedFunction(ctx: ModuleContext, node: Node): Node | undefined {
  let fn = ctx.enclosingFunction(node);
  while (fn !== undefined && ctx.parentOf(fn)?.type === 'CallExpression') fn = ctx.enclosingFunction(fn);
  return fn;
}

/**
 * Is `node` guarded where it is written (`guardedHere`), or does every call in this module of the
 * function it is written in (not exported: another module may call it unguarded) sit past a found-return,
 * a few calls up?
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
  const calls = ctx.of('CallExpression').filter((c) => {
    const callee = unwrap(c.callee as Node);
    return callee?.type === 'Identifier' && ctx.functionOf(callee) === fn;
  });
  // A function also handed on as a value (`records.map(write)`) is called where this cannot see.
  if (calls.length === 0 || referencedElsewhere(ctx, fn, calls)) return false;
  return calls.every((c) => guardedUpstream(ctx, c, (n) => returnsWhenFound(ctx, n), depth + 1));
}

/** The name a function is declared under (`function f`, `const f = async () => ...`). */
function declaredName(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name as string | undefined;
  const p = ctx.parentOf(fn);
  return p?.type === 'VariableDeclarator' && p.id?.type === 'Identifier' ? (p.id.name as string) : undefined;
}

/**
 * Is `fn`'s name written anywhere but its declaration and the callees of `calls` (handed on as a value,
 * `records.map(write)`, where this cannot see the call)? Counted in the text: a mention in a comment
 * counts too, on the safe side.
 */
function referencedElsewhere(ctx: ModuleContext, fn: Node, calls: Node[]): boolean {
  const name = declaredName(ctx, fn);
  if (name === undefined) return true;
  const mentions = ctx.source.match(new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g'));
  return (mentions?.length ?? 0) !== calls.length + 1;
}
