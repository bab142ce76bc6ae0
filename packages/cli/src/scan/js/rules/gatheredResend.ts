// A batch loop may resend its failed entries without ever assigning the service's answer field: it walks
// `out.Failed` (or `UnprocessedItems`), gathers the entries to try again into a fresh collection, and makes
// that collection what the next round sends (`pending = again`). Read from the data flow, not from the
// loop's text: a poll that only reads a `Failed` count, or a loop that counts failures for a report and
// sends the next page, gathers nothing that is sent again.
import { calleeName, isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { LOOP_STATEMENTS } from '../retryLoop.js';

/** A batch answer's field of entries it did not take: `Failed`, `UnprocessedItems`, `UnprocessedKeys`. */
const LEFTOVER_FIELD = /^(?:Failed|FailedEntries|UnprocessedItems|UnprocessedKeys|Unprocessed)$/;
/** A call that adds an entry to a collection. */
const GATHERS = /^(?:set|push|add)$/;

/** Whether `node` reads a batch answer's leftover field (`out.Failed`, `res.UnprocessedItems?.[t]`). */
export function readsLeftovers(node: Node | undefined): boolean {
  const isLeftover = (n: Node) =>
    n.type === 'MemberExpression' && LEFTOVER_FIELD.test(propertyName(n.property as Node) ?? '');
  return node !== undefined && node !== null && (isLeftover(node) || someDescendant(node, isLeftover, true));
}

/**
 * The value of the name `n` when that value is written inside `span` (a loop, a function): the local steps by
 * which a request is built from an answer (`const params = { RequestItems: left }`), not a value from outside.
 * @example
 * writtenWithin(ctx, paramsRef, whileLoop) // the `{ RequestItems: out.UnprocessedItems }` written in the loop
 */
export function writtenWithin(ctx: ModuleContext, n: Node, span: Node): Node | undefined {
  if (n.type !== 'Identifier') return undefined;
  const value = ctx.valueOf(n);
  return value !== undefined && value !== n && value.start >= span.start && value.end <= span.end
    ? value
    : undefined;
}

/**
 * Whether `node` reads the leftovers, itself or through a name written in `loop` from them: SDK v3 builds
 * the request first (`const params = { RequestItems: out.UnprocessedItems }; out = await client.send(new
 * BatchWriteItemCommand(params))`), so the answer the loop tests next is the resend's.
 * @example
 * readsLeftoversWithin(ctx, assignment.right, whileLoop) // `await db.send(new BatchWriteItemCommand(params))` -> true
 */
export function readsLeftoversWithin(ctx: ModuleContext, node: Node, loop: Node, depth = 0): boolean {
  if (readsLeftovers(node)) return true;
  if (depth > 2) return false;
  return someDescendant(
    node,
    (n) => {
      const value = writtenWithin(ctx, n, loop);
      return value !== undefined && readsLeftoversWithin(ctx, value, loop, depth + 1);
    },
    true,
  );
}

/**
 * Whether `loop` sends again, in its next round, a collection it filled from the last answer's leftover
 * entries: `pending = again` where `again` is built from `out.Failed` (its initialiser maps or filters
 * them, or a loop over them adds to it), and `pending` is handed to a call in the loop.
 * @example
 * gathersLeftovers(ctx, forLoop) // for (...) { out = await send(pending); for (f of out.Failed) again.set(...); pending = again }
 */
export function gathersLeftovers(ctx: ModuleContext, loop: Node): boolean {
  return someDescendant(
    loop.body as Node,
    (n) => {
      if (n.type !== 'AssignmentExpression' || n.operator !== '=') return false;
      const left = unwrap(n.left as Node);
      const right = unwrap(n.right as Node);
      if (left?.type !== 'Identifier' || right?.type !== 'Identifier' || innermostLoop(ctx, n) !== loop)
        return false;
      return filledFromLeftovers(ctx, right, loop) && sentInLoop(ctx, left, loop);
    },
    true,
  );
}

/**
 * The nearest loop statement around a node, within its function.
 * @example
 * innermostLoop(ctx, sendCall) // the `while` whose body sends, not an outer `for` of another function
 */
export function innermostLoop(ctx: ModuleContext, node: Node): Node | undefined {
  for (let p = ctx.parentOf(node); p !== undefined && !isFunction(p); p = ctx.parentOf(p))
    if (LOOP_STATEMENTS.has(p.type)) return p;
  return undefined;
}

/** A collection declared in the loop and built from, or filled while walking, the leftover entries. */
function filledFromLeftovers(ctx: ModuleContext, ref: Node, loop: Node): boolean {
  const b = ctx.resolve(ref.name as string, ref);
  if (b === undefined || b.declaration.start < loop.start || b.declaration.end > loop.end) return false;
  if (readsLeftovers(b.init)) return true;
  return someDescendant(
    loop.body as Node,
    (n) => {
      // `for (const f of out.Failed)` or `out.Failed?.forEach((f) => ...)`.
      const walked =
        n.type === 'ForOfStatement' || n.type === 'ForInStatement'
          ? readsLeftovers(n.right as Node) && (n.body as Node)
          : n.type === 'CallExpression' &&
            calleeName(n) === 'forEach' &&
            readsLeftovers(unwrap(n.callee as Node)?.object as Node) &&
            (n.arguments[0] as Node | undefined);
      if (!walked) return false;
      return someDescendant(
        walked,
        (c) => {
          if (c.type !== 'CallExpression' || !GATHERS.test(calleeName(c) ?? '')) return false;
          const target = unwrap((unwrap(c.callee as Node)?.object as Node) ?? undefined);
          return (
            target?.type === 'Identifier' &&
            target.name === ref.name &&
            ctx.resolve(target.name as string, target) === b
          );
        },
        true,
      );
    },
    true,
  );
}

/**
 * Whether the variable `ref` names is read by an argument of the loop's batch call: a call whose answer is
 * held in a name whose leftover field the loop reads (`out = await send(pending)` ... `out.Failed`). A log
 * call or any other call handed the variable sends nothing again. SDK v3 builds the request first, often
 * in steps (`const params = { RequestItems: { [t]: pending } }; out = await client.send(new
 * BatchWriteCommand(params))`), so a name declared in the loop from the variable reads it as well.
 */
export function sentInLoop(ctx: ModuleContext, ref: Node, loop: Node): boolean {
  const b = ctx.resolve(ref.name as string, ref);
  if (b === undefined) return false;
  const isRef = (n: Node) =>
    n.type === 'Identifier' && n.name === ref.name && n !== ref && ctx.resolve(n.name as string, n) === b;
  // A name whose value, written in this loop, reads the variable (a few steps: params, then the command).
  const builtFrom = (n: Node, depth: number): boolean => {
    if (n.type !== 'Identifier' || depth > 3 || n.name === ref.name) return false;
    const value = writtenWithin(ctx, n, loop);
    return value !== undefined && reads(value, depth + 1);
  };
  const reads = (a: Node, depth: number): boolean =>
    isRef(a) || builtFrom(a, depth) || someDescendant(a, (n) => isRef(n) || builtFrom(n, depth), true);
  return someDescendant(
    loop.body as Node,
    (n) =>
      n.type === 'CallExpression' &&
      (n.arguments as Node[]).some((a) => reads(a, 0)) &&
      answerHoldsLeftovers(ctx, n, loop),
    true,
  );
}

/** The call's answer is held in a name (`const out = await call`, `out = await call`) whose leftovers the loop reads. */
function answerHoldsLeftovers(ctx: ModuleContext, call: Node, loop: Node): boolean {
  let at = ctx.parentOf(call);
  while (at !== undefined && (at.type === 'AwaitExpression' || at.type === 'ParenthesizedExpression'))
    at = ctx.parentOf(at);
  const holder =
    at?.type === 'VariableDeclarator'
      ? unwrap(at.id as Node)
      : at?.type === 'AssignmentExpression'
        ? unwrap(at.left as Node)
        : undefined;
  if (holder?.type !== 'Identifier') return false;
  return someDescendant(
    loop.body as Node,
    (n) =>
      n.type === 'MemberExpression' &&
      unwrap(n.object as Node)?.type === 'Identifier' &&
      unwrap(n.object as Node)?.name === holder.name &&
      readsLeftovers(n),
    true,
  );
}
