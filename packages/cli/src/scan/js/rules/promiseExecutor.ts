// A `new Promise((resolve, reject) => ...)` executor runs at once, inside the caller's frame: what it
// starts floats or not by what it does with `resolve` and `reject`.
import { memberPath, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The statement runs inside a `new Promise((resolve, reject) => ...)` executor and hands the outcome to
 * `resolve`/`reject`: the promise the caller awaits settles with it, so nothing floats.
 */
export function settlesExecutor(ctx: ModuleContext, stmt: Node): boolean {
  for (let fn = ctx.enclosingFunction(stmt); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const parent = ctx.parentOf(fn);
    if (
      parent?.type !== 'NewExpression' ||
      memberPath(parent.callee)?.join('.') !== 'Promise' ||
      parent.arguments[0] !== fn
    )
      continue;
    const names = (fn.params as Node[])
      .map((p) => (p.type === 'Identifier' ? (p.name as string) : undefined))
      .filter((n): n is string => n !== undefined);
    const text = ctx.source.slice(stmt.start, stmt.end);
    return names.some((n) => new RegExp(`\\b${n.replace(/[$]/g, '\\$')}\\b`).test(text));
  }
  return false;
}

/**
 * The node runs inside a `new Promise(...)` executor's own body (not in a function nested deeper).
 *
 * @example
 * inExecutor(ctx, call) // new Promise((resolve) => { callFn(); }) -> true
 */
export function inExecutor(ctx: ModuleContext, node: Node): boolean {
  const fn = ctx.enclosingFunction(node);
  const parent = fn === undefined ? undefined : ctx.parentOf(fn);
  return (
    parent?.type === 'NewExpression' &&
    memberPath(parent.callee)?.join('.') === 'Promise' &&
    parent.arguments[0] === fn
  );
}
