// promise-all-no-partial: a promise that only ever resolves cannot reject, so a fan-out over such promises
// cannot fail fast. The wrapper written by hand around work whose failure it keeps as a value:
// `new Promise((resolve) => ...)` that never names `reject` and lets nothing throw in its executor.
import { calleeName, forEachDescendant, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Calls an executor may make without throwing: resolving, chaining, scheduling. */
const QUIET = /^(then|catch|finally|setTimeout|setImmediate)$/;

/** Operators whose result is a boolean, a number or a string whatever their operands hold. */
const PLAIN_RESULT = /^(===|!==|==|!=|<|>|<=|>=|instanceof|in|!|typeof)$/;

/**
 * A `resolve(...)` argument that cannot be a promise: no call in it, no name but a callback's own or a
 * caught error (`catch (error) { resolve(error) }`), or a comparison (`resolve(err === null)`).
 */
function plainValue(ctx: ModuleContext, arg: Node): boolean {
  let plain = true;
  forEachDescendant({ type: 'Wrap', arg } as unknown as Node, (n) => {
    if ((n.type === 'BinaryExpression' || n.type === 'UnaryExpression') && PLAIN_RESULT.test(n.operator))
      return false;
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
        binding?.scope.type === 'CatchClause' ||
        (binding?.kind === 'param' &&
          owner?.type === 'CallExpression' &&
          /^(then|catch)$/.test(calleeName(owner) ?? ''));
      if (!settled) plain = false;
    }
    return plain;
  });
  return plain;
}

/** Does `fn`'s body call `resolve` (by that name)? */
function callsResolve(fn: Node | undefined, resolve: string): boolean {
  if (fn === undefined || !isFunction(fn)) return false;
  return someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'CallExpression' && unwrap(n.callee)?.type === 'Identifier' && calleeName(n) === resolve,
  );
}

/**
 * A call that cannot throw the executor out: a callback API handed, last, a callback that resolves
 * (`readFile(p, (err, d) => resolve(err ? null : d))`: the API reports its failure to that callback), or
 * one inside a `try` of the executor whose catch resolves and throws nothing (the throw is kept as a value).
 */
function keptFailure(ctx: ModuleContext, call: Node, executor: Node, resolve: string): boolean {
  if (callsResolve(unwrap((call.arguments as Node[]).at(-1)), resolve)) return true;
  for (let n = ctx.parentOf(call); n !== undefined && n !== executor; n = ctx.parentOf(n)) {
    const parent = ctx.parentOf(n);
    if (parent?.type !== 'TryStatement' || parent.block !== n || parent.handler == null) continue;
    const handler = parent.handler.body as Node;
    const resolves = someDescendant(
      handler,
      (m) =>
        m.type === 'CallExpression' && unwrap(m.callee)?.type === 'Identifier' && calleeName(m) === resolve,
      true,
    );
    if (resolves && !someDescendant(handler, (m) => m.type === 'ThrowStatement', true)) return true;
  }
  return false;
}

/**
 * `new Promise((resolve) => ...)` whose executor never names `reject`, hands `resolve` only plain values
 * (`resolve(save(x))` adopts the rejection of what it is given) and makes no other call that may throw
 * (a throw in the executor rejects) unless its failure is kept (keptFailure): Promise.all over such
 * cannot reject.
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
    const kept = () => keptFailure(ctx, n, executor, resolve.name as string);
    if (n.type === 'NewExpression' && direct && !kept()) ok = false;
    if (n.type === 'CallExpression') {
      const name = calleeName(n) ?? '';
      if (unwrap(n.callee)?.type === 'Identifier' && name === resolve.name)
        ok = (n.arguments as Node[]).every((a) => plainValue(ctx, a));
      else if (direct && !QUIET.test(name) && !kept()) ok = false;
    }
    return ok;
  });
  return ok;
}

/**
 * A per-item callback whose answer is such a promise (`(r) => new Promise((resolve) => ...)`, or its one
 * `return`): the fan-out over it cannot reject.
 */
export function answersSettlingPromise(ctx: ModuleContext, cb: Node): boolean {
  const body = cb.body as Node | undefined;
  if (body === undefined) return false;
  const single = body.type === 'BlockStatement' && body.body.length === 1 ? body.body[0] : undefined;
  const answer =
    body.type !== 'BlockStatement' ? body : single?.type === 'ReturnStatement' ? single.argument : undefined;
  const value = unwrap(answer);
  return value !== undefined && settlesOnly(ctx, value);
}
