// The hand-written idempotency guard of a consumer that finishes a row: it loads the row, returns early when
// the row is already in the state the consumer leaves it in (`if (submission.status === 'GRADED' &&
// submission.attemptId) return;`), and later writes that state (`update({ data: { status: 'GRADED',
// attemptId: attempt.id } })`). A redelivery after the first delivery finished finds that state and stops
// before the insert. A state the function does not write (`order.status === 'CANCELLED'`, `user.blocked`) is
// a precondition a redelivery passes again, and `if (!row) return` tests only that the row exists.
import { calleeName, forEachDescendant, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { foundValue, returnsEarlyWhen, returnsWhenFound } from './foundGuards.js';

/** A call that changes a stored row in place: `update`, `updateOne`, `upsert`, `save`, `set`, `patch`. */
const UPDATE_CALL = /^(update|upsert|save|set|patch|modify|mark)/i;

/** One part of the guard: the field of the loaded row it reads, and the value a write must give it. */
interface StateRead {
  row: Node;
  field: string;
  /** The literal compared with (`'GRADED'`); undefined for a truthiness test (`row.attemptId`). */
  value?: unknown;
}

/** `row.field` of a row a store read loaded (`const submission = await prisma.x.findUnique(...)`). */
function loadedField(ctx: ModuleContext, n: Node | undefined): { row: Node; field: string } | undefined {
  const m = unwrap(n);
  if (m?.type !== 'MemberExpression') return undefined;
  const row = unwrap(m.object as Node);
  const field = propertyName(m.property as Node, m.computed as boolean);
  if (row?.type !== 'Identifier' || field === undefined || !foundValue(ctx, row)) return undefined;
  return { row, field };
}

const literalOf = (n: Node | undefined) => {
  const v = unwrap(n);
  return v?.type === 'Literal' && v.value !== null ? { value: v.value as unknown } : undefined;
};

/** The conjuncts of `test` as state reads, or undefined when one is something else. */
function stateReads(ctx: ModuleContext, test: Node | undefined): StateRead[] | undefined {
  const t = unwrap(test);
  if (t?.type === 'LogicalExpression' && t.operator === '&&') {
    const left = stateReads(ctx, t.left as Node);
    const right = left === undefined ? undefined : stateReads(ctx, t.right as Node);
    return left === undefined || right === undefined ? undefined : [...left, ...right];
  }
  const read = loadedField(ctx, t);
  if (read !== undefined) return [read];
  if (t?.type !== 'BinaryExpression' || (t.operator !== '===' && t.operator !== '==')) return undefined;
  for (const [a, b] of [
    [t.left, t.right],
    [t.right, t.left],
  ] as [Node, Node][]) {
    const field = loadedField(ctx, a);
    const literal = literalOf(b);
    if (field !== undefined && literal !== undefined) return [{ ...field, value: literal.value }];
  }
  return undefined;
}

/** A value a write gives that passes the read: the same literal, or (for a truthiness test) not an empty one. */
function sets(value: Node, read: StateRead): boolean {
  const v = unwrap(value);
  if (read.value !== undefined) return v?.type === 'Literal' && v.value === read.value;
  if (v?.type === 'Literal') return Boolean(v.value);
  return !(v?.type === 'Identifier' && v.name === 'undefined');
}

/**
 * Does `fn` update the loaded row after `after`, giving every field the guard reads the state it tests for?
 * The update names the row's store as the read did (`this.prisma.guideSubmission`), or the row itself.
 */
function writesState(ctx: ModuleContext, fn: Node, after: number, reads: StateRead[]): boolean {
  const written = new Set<StateRead>();
  forEachDescendant(fn, (node) => {
    if (node.type !== 'CallExpression' || node.start < after || !UPDATE_CALL.test(calleeName(node) ?? ''))
      return true;
    for (const read of reads) {
      if (!sameStore(ctx, read.row, node)) continue;
      forEachDescendant(node, (p) => {
        if (p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === read.field)
          if (sets(p.value as Node, read)) written.add(read);
        return true;
      });
    }
    return true;
  });
  return written.size === reads.length;
}

/** The text before the call's method: `this.prisma.guideSubmission` of `this.prisma.guideSubmission.update(...)`. */
function receiverText(ctx: ModuleContext, call: Node): string | undefined {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression') return undefined;
  const object = callee.object as Node;
  return ctx.source.slice(object.start, object.end);
}

/** Is `update` a write to the store `row` was read from, or to the row itself (`row.save()`, `where: { id: row.id }`)? */
function sameStore(ctx: ModuleContext, row: Node, update: Node): boolean {
  const text = ctx.source.slice(update.start, update.end);
  if (new RegExp(`(?<![\\w$.])${row.name as string}(?![\\w$])`).test(text)) return true;
  const b = ctx.resolve(row.name as string, row);
  const declared = b?.declaration?.type === 'VariableDeclarator' ? (b.declaration.init as Node) : undefined;
  let read = unwrap((b?.init as Node | undefined) ?? declared);
  if (read?.type === 'AwaitExpression') read = unwrap(read.argument as Node);
  const store = read?.type === 'CallExpression' ? receiverText(ctx, read) : undefined;
  return store !== undefined && store === receiverText(ctx, update);
}

/**
 * An `if (<state of the loaded row>) return;` before `node`, whose state the enclosing function writes
 * after it: the consumer's own "already done" guard.
 * @example
 * returnsWhenSettled(ctx, attemptCreate) // true after `if (s.status === 'GRADED') return;` and a later `update({ data: { status: 'GRADED' } })`
 */
export function returnsWhenSettled(ctx: ModuleContext, node: Node): boolean {
  return returnsEarlyWhen(ctx, node, (test) => {
    const reads = stateReads(ctx, test);
    // The function the guard is written in: the insert may sit in a transaction's callback below it.
    const fn = reads === undefined ? undefined : ctx.enclosingFunction(test);
    return fn !== undefined && writesState(ctx, fn, test.end, reads as StateRead[]);
  });
}

/** Past a found-return (foundGuards.ts) or a settled-state return: a redelivery stops before `node`. */
export const returnsWhenDone = (ctx: ModuleContext, node: Node): boolean =>
  returnsWhenFound(ctx, node) || returnsWhenSettled(ctx, node);
