// A sleep under another name: a function of the module that only waits (`const waitFor = (ms) => new
// Promise((res) => setTimeout(res, ms))`, `function holdOn(s) { return new Promise((r) => setTimeout(r, s * 1000)) }`).
// A retry that awaits one waits as surely as one that awaits `sleep(ms)`, whatever the helper is called.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * Is `call` a call of a function of this module whose body is a promise around `setTimeout` and nothing
 * else (no other call, no await): the module's own sleep helper, whatever its name?
 *
 * @example
 * ownSleepCall(ctx, call) // `await waitFor(500)` with `const waitFor = (ms) => new Promise((r) => setTimeout(r, ms))` -> true
 */
export function ownSleepCall(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier') return false;
  const binding = ctx.resolve(callee.name as string, callee);
  if (binding === undefined || (binding.kind !== 'const' && binding.kind !== 'function')) return false;
  const fn = unwrap(binding.init);
  if (fn === undefined || !isFunction(fn) || (fn.params as Node[]).length === 0) return false;
  return sleepsOnly(fn);
}

/**
 * The function builds a `new Promise` that calls `setTimeout`, and calls nothing else of its own (searched
 * from the function itself, so that an arrow's expression body is one of the nodes tested).
 */
function sleepsOnly(fn: Node): boolean {
  let timers = 0;
  let promises = 0;
  const other = someDescendant(fn, (n) => {
    if (n.type === 'AwaitExpression') return true;
    if (n.type === 'NewExpression') {
      if (unwrap(n.callee)?.type === 'Identifier' && unwrap(n.callee)?.name === 'Promise') promises++;
      else return true;
    }
    if (n.type !== 'CallExpression') return false;
    const callee = unwrap(n.callee);
    if (callee?.type === 'Identifier' && callee.name === 'setTimeout') {
      timers++;
      return false;
    }
    // The executor's resolve handed to setTimeout is not called here; one called directly is allowed.
    return !(callee?.type === 'Identifier' && /^(res|resolve|r|done|ok)$/i.test(callee.name as string));
  });
  return !other && timers === 1 && promises === 1;
}
