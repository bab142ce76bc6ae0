// floating-promise: lodash's and underscore's `_.each(items, fn)` / `_.forEach(items, fn)` call `fn` for every
// item and drop what it returns, as Array.prototype.forEach does: given an async callback, every item's work
// starts and none is awaited, so the handler returns (and Lambda freezes) with the writes still in flight.
import { calleeName, isFunction, type Node, returnsPromise, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnsPending } from '../pendingReturns.js';
import { settledOnReturn } from './settledAsync.js';

/** Packages whose `each`/`forEach` take the collection first and ignore the callback's result. */
const ITERATOR_LIBRARIES = /^(lodash|lodash-es|underscore)(\/.*)?$|^lodash\.foreach$/;

/** Names under which those packages export the ignoring iterator. */
const EACH_NAMES = new Set(['each', 'forEach']);

/**
 * True for `_.each(items, asyncFn)` (or `forEach` imported from lodash/underscore) whose callback is async or
 * returns a promise, unless it only logs (its promise is settled when it returns): the library calls it once
 * per item and drops every promise.
 * @example
 * libraryEachOfAsync(ctx, call) // true for `_.each(repos, saveRepo)` where saveRepo is async
 */
export function libraryEachOfAsync(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  let source: string | undefined;
  if (callee?.type === 'MemberExpression') {
    const object = unwrap(callee.object);
    if (object?.type !== 'Identifier' || !EACH_NAMES.has(calleeName(call) ?? '')) return false;
    source = ctx.importOf(object.name as string, object)?.source;
  } else if (callee?.type === 'Identifier') {
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp === undefined || !(EACH_NAMES.has(imp.imported) || /(^|[/.])(for)?each$/i.test(imp.source)))
      return false;
    source = imp.source;
  }
  if (source === undefined || !ITERATOR_LIBRARIES.test(source)) return false;
  const cb = ctx.valueOf((call.arguments as Node[])[1]);
  if (cb === undefined || !isFunction(cb)) return false;
  // A callback whose promise settles before it returns (settledAsync.ts) drops nothing, as for its siblings.
  return (returnsPromise(cb) || returnsPending(ctx, cb)) && !settledOnReturn(cb);
}
