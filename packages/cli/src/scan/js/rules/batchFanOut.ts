// A project's batch wrapper called as an element of an awaited `Promise.all([...])` that stands as a
// statement (`await Promise.all([createEvent(a), createEvent(b)]);`): every answer the wrapper hands back
// is gathered and then dropped, as for `await createEvent(a);`. rules/batchWrappers.ts reports it once per
// wrapper and fan-out, at the first element that calls it: one fan-out is one place to fix.
import { memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const PROMISE_ALL = /^Promise\.all(?:Settled)?$/;

/**
 * The array `call` is an element of, when that array is the first argument of a `Promise.all` (or
 * `allSettled`) that is awaited as a statement; undefined otherwise (a fan-out whose answers are kept,
 * returned or left floating is judged elsewhere).
 * @example
 * // await Promise.all([createEvent('a', x), createEvent('b', y)]);
 * droppingFanOut(ctx, firstCall) // the ArrayExpression
 */
export function droppingFanOut(ctx: ModuleContext, call: Node): Node | undefined {
  const array = ctx.climb(call, (p) => p.type === 'ParenthesizedExpression').parent;
  if (array?.type !== 'ArrayExpression') return undefined;
  const all = ctx.parentOf(array);
  if (all?.type !== 'CallExpression' || all.arguments[0] !== array) return undefined;
  if (!PROMISE_ALL.test(memberPath(unwrap(all.callee))?.join('.') ?? '')) return undefined;
  const { node, parent } = ctx.climb(
    all,
    (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
  );
  return node.type === 'AwaitExpression' && parent?.type === 'ExpressionStatement' ? array : undefined;
}

/**
 * `call` is the first element of `array` for which `same` holds against it: later calls of the same
 * wrapper in one fan-out add no finding of their own.
 * @example
 * firstOfKind(array, second, (a, b) => sameImport(a, b)) // false when the first element calls it too
 */
export function firstOfKind(array: Node, call: Node, same: (other: Node) => boolean): boolean {
  for (const element of array.elements as (Node | null)[]) {
    const e = unwrap(element ?? undefined);
    if (e === call) return true;
    if (e?.type === 'CallExpression' && same(e)) return false;
  }
  return true;
}

/**
 * The calls gathered by an awaited `Promise.all([...])` that stands as a statement: each one's answer is
 * dropped as surely as `await call();`'s (errorValues.ts droppedAwaits joins them to the helpers that hand
 * an answer back for their callers to read).
 * @example
 * // await Promise.all([createJob(ctx, job), emitMetadataEvent(start)]);
 * [...fanOutCalls(ctx)].map((c) => c.callee.name) // ['createJob', 'emitMetadataEvent']
 */
export function* fanOutCalls(ctx: ModuleContext): Generator<{ call: Node; callee: Node | undefined }> {
  if (!ctx.spells('Promise.all')) return;
  for (const statement of ctx.of('ExpressionStatement')) {
    const awaited = unwrap(statement.expression as Node);
    const all = awaited?.type === 'AwaitExpression' ? unwrap(awaited.argument as Node) : undefined;
    if (all?.type !== 'CallExpression' || !PROMISE_ALL.test(memberPath(unwrap(all.callee))?.join('.') ?? ''))
      continue;
    const array = unwrap(all.arguments[0] as Node | undefined);
    if (array?.type !== 'ArrayExpression') continue;
    for (const element of array.elements as (Node | null)[]) {
      let call = unwrap(element ?? undefined);
      if (call?.type === 'AwaitExpression') call = unwrap(call.argument as Node);
      if (call?.type === 'CallExpression') yield { call, callee: unwrap(call.callee as Node) };
    }
  }
}
