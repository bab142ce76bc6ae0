// promise-all-no-partial: a fan-out gathered by hand. The per-item promises are pushed onto an array inside
// a loop over a collection (`records.forEach((r) => writes.push(save(r)))`, `for (const r of records)
// pending.push(save(r))`) and the array is then handed to `Promise.all`: the same first-failure rejection
// as `Promise.all(records.map(save))`, written the way older code and many tutorials write it.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

export interface GatheredFanOut {
  /** The collection the loop walks (`event.Records`). */
  readonly over: Node;
  /**
   * The pushed promise dressed as an expression-bodied callback (`(r) => save(r)`), so the checks written
   * for `records.map(cb)` (guarded, reads only, catch-all helper) judge it the same way.
   */
  readonly cb: Node;
}

/** The collection a loop around `node` (inside `scope`) walks: `for...of`, or a `forEach` callback's array. */
function loopedOver(ctx: ModuleContext, node: Node, scope: Node): Node | undefined {
  for (let n = ctx.parentOf(node); n !== undefined && n !== scope; n = ctx.parentOf(n)) {
    if (n.type === 'ForOfStatement' && n.await !== true) return n.right as Node;
    if (!isFunction(n)) continue;
    const call = ctx.parentOf(n);
    if (call?.type !== 'CallExpression' || calleeName(call) !== 'forEach' || call.arguments[0] !== n) return;
    return unwrap(unwrap(call.callee)?.object);
  }
  return undefined;
}

/**
 * `new Promise((resolve) => ...)` whose executor takes no `reject`, or never names it: the promise only
 * ever resolves (each outcome handed to `resolve` as a value), so Promise.all over such cannot reject.
 */
function settlesOnly(value: Node): boolean {
  if (value.type !== 'NewExpression' || unwrap(value.callee)?.name !== 'Promise') return false;
  const executor = unwrap((value.arguments as Node[])[0]);
  if (executor === undefined || !isFunction(executor)) return false;
  const reject = (executor.params as Node[])[1];
  if (reject === undefined) return true;
  return (
    reject.type === 'Identifier' &&
    !someDescendant(executor.body as Node, (n) => n.type === 'Identifier' && n.name === reject.name)
  );
}

/**
 * `Promise.all(name)` where `name` starts as an empty array in the same function and gets one promise
 * pushed per item of a loop before the call.
 *
 * @example
 * gatheredFanOut(ctx, all) // const w = []; event.Records.forEach((r) => w.push(save(r))); await Promise.all(w); -> { over: event.Records, cb }
 */
export function gatheredFanOut(ctx: ModuleContext, all: Node): GatheredFanOut | undefined {
  const arg = unwrap((all.arguments as Node[])[0]);
  if (arg?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(arg.name as string, arg);
  const init = unwrap(binding?.init);
  if (binding === undefined || init?.type !== 'ArrayExpression' || (init.elements as Node[]).length > 0)
    return undefined;
  const scope = ctx.enclosingFunction(all);
  if (scope === undefined || ctx.enclosingFunction(binding.declaration) !== scope) return undefined;
  let found: GatheredFanOut | undefined;
  someDescendant(scope.body as Node, (n) => {
    if (n.type !== 'CallExpression' || n.start > all.start || calleeName(n) !== 'push') return false;
    const array = unwrap(unwrap(n.callee)?.object);
    const pushed = unwrap((n.arguments as Node[])[0]);
    // `const write = save(r); writes.push(write);`: the promise is what the name holds.
    const value = unwrap(ctx.valueOf(pushed)) ?? pushed;
    if (array?.type !== 'Identifier' || array.name !== arg.name || value === undefined) return false;
    if (ctx.resolve(arg.name as string, array)?.declaration !== binding.declaration) return false;
    const over = loopedOver(ctx, n, scope);
    if (over === undefined) return false;
    if (settlesOnly(value)) return false;
    // In parentheses, so the walks below the body (which skip their root) see the pushed call itself.
    const body = { type: 'ParenthesizedExpression', expression: value, start: value.start, end: value.end };
    const cb = { type: 'ArrowFunctionExpression', params: [], body, start: value.start, end: value.end };
    found = { over, cb: cb as unknown as Node };
    return true;
  });
  return found;
}
