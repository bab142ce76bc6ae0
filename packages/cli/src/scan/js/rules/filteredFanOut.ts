// swallowed-error: a fan-out whose failed items are answered as stand-ins and then filtered out of the
// answer. `const all = await Promise.all(chains.map((c) => timeout(run(c)).catch(() => { log(); return null })))`
// then `all.filter(isNotNullish)`, or the fan-out awaited as a statement: the failed chain leaves no trace in what the function answers, so a
// portfolio without one protocol, or a snapshot missing a source, passes for complete.
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

export const FILTERED_OUT =
  '.catch() answers a stand-in for a failed item of a fan-out, and the stand-ins are filtered out of the answer (or the answer is dropped): the result is built without that item as if it had nothing to give, and nobody learns it failed';

/** A named test for "not null" (`isNotNullish`, `isDefined`, `Boolean`), by the words it is named with. */
const NOT_NULL_NAME =
  /^(Boolean|isNot(Nullish|Null|Undefined)|is(Defined|Present|NonNullable|NonNull|Truthy)|notNull\w*|nonNull\w*|exists|truthy|defined)$/;

/** `(x) => x != null`, `(x) => !!x`, `(x) => x`, `(x) => x !== undefined`, `Boolean`, `isNotNullish`. */
function dropsNothing(filter: Node | undefined): boolean {
  const f = unwrap(filter);
  if (f?.type === 'Identifier') return NOT_NULL_NAME.test(f.name as string);
  if (f === undefined || !isFunction(f) || (f.params as Node[]).length !== 1) return false;
  const param = unwrap((f.params as Node[])[0]);
  const body = unwrap(f.body as Node);
  const isParam = (n: Node | undefined) =>
    param?.type === 'Identifier' && unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === param.name;
  if (isParam(body)) return true;
  if (body?.type === 'UnaryExpression' && body.operator === '!') {
    const inner = unwrap(body.argument as Node);
    return inner?.type === 'UnaryExpression' && inner.operator === '!' && isParam(inner.argument as Node);
  }
  if (body?.type === 'CallExpression')
    return calleeName(body) === 'Boolean' && isParam((body.arguments as Node[])[0]);
  if (body?.type !== 'BinaryExpression' || !/^!==?$/.test(body.operator as string)) return false;
  const right = unwrap(body.right as Node);
  const nothing =
    (right?.type === 'Literal' && right.value === null) ||
    (right?.type === 'Identifier' && right.name === 'undefined');
  return nothing && isParam(body.left as Node);
}

/** `x.filter(test)` with a test that drops the stand-ins. */
const filtersNothing = (call: Node | undefined): boolean =>
  call?.type === 'CallExpression' &&
  calleeName(call) === 'filter' &&
  dropsNothing((call.arguments as Node[])[0]);

/**
 * Is `map` (`xs.map(cb)`) handed to an awaited `Promise.all` whose answer is dropped, or filtered for the
 * stand-ins, at once (`(await Promise.all(...)).filter(Boolean)`) or through the name it is kept in?
 *
 * @example
 * // const all = await Promise.all(ids.map((id) => get(id).catch(() => null))); return all.filter(Boolean)
 * filteredFanOut(ctx, mapCall) // -> true
 */
export function filteredFanOut(ctx: ModuleContext, map: Node): boolean {
  if (calleeName(map) !== 'map') return false;
  const all = ctx.climb(map, (p) => p.type === 'ParenthesizedExpression').parent;
  if (all?.type !== 'CallExpression' || memberPath(all.callee as Node)?.join('.') !== 'Promise.all')
    return false;
  const { node, parent } = ctx.climb(
    all,
    (p) =>
      p.type === 'ParenthesizedExpression' || p.type === 'AwaitExpression' || p.type === 'TSAsExpression',
  );
  if (node === all) return false;
  // `await Promise.all(...)` as a statement: the items' work is its side effects (pushed into a list the
  // function answers), and the stand-in of a failed one is dropped with the unread answer.
  if (parent?.type === 'ExpressionStatement') return true;
  if (parent?.type === 'MemberExpression' && parent.object === node)
    return filtersNothing(ctx.parentOf(parent));
  if (parent?.type !== 'VariableDeclarator' || unwrap(parent.id as Node)?.type !== 'Identifier') return false;
  const name = (parent.id as Node).name as string;
  const fn = ctx.enclosingFunction(parent);
  return ctx
    .of('CallExpression')
    .some(
      (c) =>
        c.start > parent.end &&
        ctx.enclosingFunction(c) === fn &&
        filtersNothing(c) &&
        unwrap(unwrap(c.callee as Node)?.object as Node)?.type === 'Identifier' &&
        unwrap(unwrap(c.callee as Node)?.object as Node)?.name === name,
    );
}
