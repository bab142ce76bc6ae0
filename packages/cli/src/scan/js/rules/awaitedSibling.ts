// floating-promise: a method call left bare where the same module awaits that very call on the same
// receiver (`await this.client.query('BEGIN')`, then `this.client.query('INSERT ...');`). The awaited calls
// show the method answers a promise whatever the receiver's type (a pg client typed `ClientBase`, a driver
// the scan has no table for); the bare one is still running when its caller goes on, inside a transaction
// the COMMIT then races, and its failure is never seen.
import { isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const WRAPPERS = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSNonNullExpression']);

const awaitedByModule = new WeakMap<ModuleContext, Set<string>>();

/** `a.b.m` of every member call the module awaits or chains with `.then`: methods that answer promises. */
function awaitedPaths(ctx: ModuleContext): Set<string> {
  const known = awaitedByModule.get(ctx);
  if (known !== undefined) return known;
  const paths = new Set<string>();
  for (const call of ctx.of('CallExpression')) {
    let parent = ctx.parentOf(call);
    while (parent !== undefined && WRAPPERS.has(parent.type)) parent = ctx.parentOf(parent);
    const settled =
      parent?.type === 'AwaitExpression' ||
      (parent?.type === 'MemberExpression' && parent.computed !== true && parent.property?.name === 'then');
    if (!settled) continue;
    const path = memberPath(call.callee);
    // A receiver that is itself a call (`db().query`) may be another object each time.
    if (path !== undefined && path.length >= 2 && !path.some((p) => p.endsWith('()')))
      paths.add(path.join('.'));
  }
  awaitedByModule.set(ctx, paths);
  return paths;
}

/**
 * `r.m(...)` whose same receiver and method the module awaits elsewhere (`await r.m(...)` or
 * `r.m(...).then(...)`), called without a trailing callback (the callback form of a dual API answers
 * through it, not with a promise).
 *
 * @example
 * awaitedElsewhere(ctx, call) // await this.client.query('BEGIN'); this.client.query(insert); -> true
 */
export function awaitedElsewhere(ctx: ModuleContext, call: Node): boolean {
  if (unwrap(call.callee)?.type !== 'MemberExpression') return false;
  const last = unwrap((call.arguments as Node[]).at(-1));
  if (last !== undefined && isFunction(last)) return false;
  const path = memberPath(call.callee);
  if (path === undefined || path.length < 2 || path.some((p) => p.endsWith('()'))) return false;
  return awaitedPaths(ctx).has(path.join('.'));
}
