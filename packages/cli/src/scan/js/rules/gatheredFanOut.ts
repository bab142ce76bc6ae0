// promise-all-no-partial: a fan-out gathered by hand. The per-item promises are pushed onto an array inside
// a loop over a collection (`records.forEach((r) => writes.push(save(r)))`, `for (const r of records)
// pending.push(save(r))`) and the array is then handed to `Promise.all`: the same first-failure rejection
// as `Promise.all(records.map(save))`, written the way older code and many tutorials write it.
import { calleeName, isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { settlesOnly } from './onlyResolves.js';

export interface GatheredFanOut {
  /** The collection the loop walks (`event.Records`). */
  readonly over: Node;
  /**
   * The pushed promise dressed as an expression-bodied callback (`(r) => save(r)`), so the checks written
   * for `records.map(cb)` (guarded, reads only, catch-all helper) judge it the same way.
   */
  readonly cb: Node;
}

/**
 * The collection a loop around `node` walks, when that loop lies between the array's declaration `decl`
 * and the push, and does not hold the `Promise.all` itself: a loop around the declaration runs one
 * gather per turn (a record's steps, one record at a time), not a fan-out over its items.
 *
 * @example
 * loopedOver(ctx, push, decl, all) // const w = []; for (const r of rs) w.push(save(r)); await Promise.all(w) -> rs
 */
export function loopedOver(ctx: ModuleContext, node: Node, decl: Node, all: Node): Node | undefined {
  const holds = (n: Node, m: Node) => n.start <= m.start && n.end >= m.end;
  for (let n = ctx.parentOf(node); n !== undefined && !holds(n, decl); n = ctx.parentOf(n)) {
    if (n.type === 'ForOfStatement' && n.await !== true) return holds(n, all) ? undefined : (n.right as Node);
    // Callback-era code counts: `for (let i = 0; i < event.Records.length; i++) w.push(f(event.Records[i]))`.
    const counted = n.type === 'ForStatement' ? countedOver(n) : undefined;
    if (counted !== undefined) return holds(n, all) ? undefined : counted;
    if (!isFunction(n)) continue;
    const call = ctx.parentOf(n);
    if (call?.type !== 'CallExpression' || calleeName(call) !== 'forEach' || call.arguments[0] !== n) return;
    return holds(call, all) ? undefined : unwrap(unwrap(call.callee)?.object);
  }
  return undefined;
}

/** The list a counted loop walks: `xs` of `for (let i = 0; i < xs.length; i++)`. */
function countedOver(loop: Node): Node | undefined {
  const test = unwrap(loop.test as Node | null);
  if (test?.type !== 'BinaryExpression' || (test.operator !== '<' && test.operator !== '<='))
    return undefined;
  const bound = unwrap(test.right as Node);
  if (bound?.type !== 'MemberExpression' || propertyName(bound.property as Node, bound.computed) !== 'length')
    return undefined;
  return unwrap(bound.object as Node);
}

/**
 * `Promise.all(name)` where `name` starts as an empty array in the same function and gets one promise
 * pushed per item of a loop before the call. Every looped push is a candidate: `excused` (the checks that
 * clear `records.map(cb)`) picks the first that is not cleared, else the first.
 *
 * @example
 * gatheredFanOut(ctx, all) // const w = []; event.Records.forEach((r) => w.push(save(r))); await Promise.all(w); -> { over: event.Records, cb }
 */
export function gatheredFanOut(
  ctx: ModuleContext,
  all: Node,
  excused: (cb: Node) => boolean = () => false,
): GatheredFanOut | undefined {
  const arg = unwrap((all.arguments as Node[])[0]);
  if (arg?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(arg.name as string, arg);
  const init = unwrap(binding?.init);
  if (binding === undefined || init?.type !== 'ArrayExpression' || (init.elements as Node[]).length > 0)
    return undefined;
  const scope = ctx.enclosingFunction(all);
  if (scope === undefined || ctx.enclosingFunction(binding.declaration) !== scope) return undefined;
  const found: GatheredFanOut[] = [];
  someDescendant(scope.body as Node, (n) => {
    if (n.type !== 'CallExpression' || n.start > all.start || calleeName(n) !== 'push') return false;
    const array = unwrap(unwrap(n.callee)?.object);
    const pushed = unwrap((n.arguments as Node[])[0]);
    // `const write = save(r); writes.push(write);`: the promise is what the name holds.
    const value = unwrap(ctx.valueOf(pushed)) ?? pushed;
    if (array?.type !== 'Identifier' || array.name !== arg.name || value === undefined) return false;
    if (ctx.resolve(arg.name as string, array)?.declaration !== binding.declaration) return false;
    const over = loopedOver(ctx, n, binding.declaration, all);
    if (over === undefined || settlesOnly(ctx, value)) return false;
    // In parentheses, so the walks below the body (which skip their root) see the pushed call itself.
    const body = { type: 'ParenthesizedExpression', expression: value, start: value.start, end: value.end };
    const cb = { type: 'ArrowFunctionExpression', params: [], body, start: value.start, end: value.end };
    found.push({ over, cb: cb as unknown as Node });
    return false;
  });
  return found.find((f) => !excused(f.cb)) ?? found[0];
}
