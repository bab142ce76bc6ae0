// promise-all-no-partial: a promise that only ever resolves cannot reject, so a fan-out over such promises
// cannot fail fast. The wrapper written by hand around work whose failure it keeps as a value:
// `new Promise((resolve) => ...)` that never names `reject` and lets nothing throw in its executor.
import { calleeName, forEachDescendant, isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Calls an executor may make without throwing: resolving, chaining, scheduling. */
const QUIET = /^(then|catch|finally|setTimeout|setImmediate)$/;

/** A `resolve(...)` argument that cannot be a promise: no call in it, no name but a callback's own. */
function plainValue(ctx: ModuleContext, arg: Node): boolean {
  let plain = true;
  forEachDescendant({ type: 'Wrap', arg } as unknown as Node, (n) => {
    if (n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'AwaitExpression')
      plain = false;
    const parent = ctx.parentOf(n);
    const key =
      (parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true) ||
      (parent?.type === 'Property' && parent.key === n && parent.value !== n);
    if (n.type === 'Identifier' && !key && n.name !== 'undefined') {
      // A `.then`/`.catch` callback's parameter is a settled value; any other name may hold a promise.
      const binding = ctx.resolve(n.name as string, n);
      const owner = binding === undefined ? undefined : ctx.parentOf(binding.scope);
      const settled =
        binding?.kind === 'param' &&
        owner?.type === 'CallExpression' &&
        /^(then|catch)$/.test(calleeName(owner) ?? '');
      if (!settled) plain = false;
    }
    return plain;
  });
  return plain;
}

/**
 * `new Promise((resolve) => ...)` whose executor never names `reject`, hands `resolve` only plain values
 * (`resolve(save(x))` adopts the rejection of what it is given) and makes no other call that may throw
 * (a throw in the executor rejects): Promise.all over such cannot reject.
 *
 * @example
 * settlesOnly(ctx, node) // new Promise((resolve) => save(x).then(() => resolve(true))) -> false: save(x) may throw
 */
export function settlesOnly(ctx: ModuleContext, value: Node): boolean {
  if (value.type !== 'NewExpression' || unwrap(value.callee)?.name !== 'Promise') return false;
  const executor = unwrap((value.arguments as Node[])[0]);
  if (executor === undefined || !isFunction(executor)) return false;
  const [resolve, reject] = executor.params as Node[];
  if (resolve?.type !== 'Identifier') return false;
  if (reject !== undefined && reject.type !== 'Identifier') return false;
  let ok = true;
  forEachDescendant(executor.body as Node, (n) => {
    if (n.type === 'Identifier' && n.name === reject?.name) ok = false;
    const direct = ctx.enclosingFunction(n) === executor;
    if (n.type === 'NewExpression' && direct) ok = false;
    if (n.type === 'CallExpression') {
      const name = calleeName(n) ?? '';
      if (unwrap(n.callee)?.type === 'Identifier' && name === resolve.name)
        ok = (n.arguments as Node[]).every((a) => plainValue(ctx, a));
      else if (direct && !QUIET.test(name)) ok = false;
    }
    return ok;
  });
  return ok;
}

