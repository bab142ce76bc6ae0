// promise-all-no-partial: a promise that only ever resolves cannot reject, so a fan-out over such promises
// cannot fail fast. The wrapper written by hand around work whose failure it keeps as a value:
// `new Promise((resolve) => ...)` that never names `reject` and lets nothing throw in its executor.
import {
  calleeName,
  forEachDescendant,
  isFunction,
  type Node,
  returnsPromise,
  someDescendant,
  unwrap,
} from '../ast.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';

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

/** Does `fn`'s body call `resolve` (by that name)? A concise body may be that call itself. */
function callsResolve(fn: Node | undefined, resolve: string): boolean {
  if (fn === undefined || !isFunction(fn)) return false;
  const isResolve = (n: Node) =>
    n.type === 'CallExpression' && unwrap(n.callee)?.type === 'Identifier' && calleeName(n) === resolve;
  const body = fn.body as Node;
  return (
    (body.type !== 'BlockStatement' && isResolve(unwrap(body) ?? body)) || someDescendant(body, isResolve)
  );
}

/**
 * A callee trusted to report its failure to its last-argument callback: a package's or SDK's API, or a
 * function of the module that answers no promise and throws nothing. An async function rejects instead,
 * and a project module's function (imported) cannot be seen from here, so neither is trusted.
 */
function callbackApi(ctx: ModuleContext, call: Node): boolean {
  const own = ctx.functionOf(call.callee as Node);
  if (own !== undefined)
    return (
      !returnsPromise(own) && !someDescendant(own.body as Node, (n) => n.type === 'ThrowStatement', true)
    );
  const source = ctx.importRoot(call.callee as Node)?.source;
  return source !== undefined && !mayBeProjectSource(source);
}

/**
 * The call's promise settles into `resolve` when it rejects: chained with `.then(ok, onRejected)` or
 * `.catch(onRejected)` whose handler resolves (`save(x).then(() => resolve(true))` alone rejects unhandled).
 */
function rejectionResolves(ctx: ModuleContext, call: Node, resolve: string): boolean {
  for (let link = call; ; ) {
    const member = ctx.parentOf(link);
    const next = member === undefined ? undefined : ctx.parentOf(member);
    if (member?.type !== 'MemberExpression' || member.object !== link || next?.type !== 'CallExpression')
      return false;
    const name = calleeName(next);
    const args = next.arguments as Node[];
    if (name === 'catch' && callsResolve(unwrap(args[0]), resolve)) return true;
    if (name === 'then' && callsResolve(unwrap(args[1]), resolve)) return true;
    if (name !== 'then' && name !== 'finally') return false;
    link = next;
  }
}

/** A call whose result is a promise left to settle on its own (`save(x);`, `save(x).then(ok)`). */
function floatsPromise(ctx: ModuleContext, call: Node): boolean {
  const parent = ctx.parentOf(call);
  if (parent?.type === 'ExpressionStatement') return true;
  if (parent?.type === 'MemberExpression' && parent.object === call)
    return /^(then|catch|finally)$/.test(calleeName(ctx.parentOf(parent) ?? parent) ?? '');
  const own = ctx.functionOf(call.callee as Node);
  return own !== undefined && returnsPromise(own);
}

/**
 * A call that cannot throw the executor out: a callback API (callbackApi) handed, last, a callback that
 * resolves (`readFile(p, (err, d) => resolve(err ? null : d))`: the API reports its failure to that
 * callback), or one inside a `try` of the executor whose catch resolves and throws nothing (the throw is
 * kept as a value). A try catches only a synchronous throw: a promise the call answers must itself have
 * its rejection resolved (rejectionResolves).
 */
function keptFailure(ctx: ModuleContext, call: Node, executor: Node, resolve: string): boolean {
  if (call.type === 'CallExpression' && callsResolve(unwrap((call.arguments as Node[]).at(-1)), resolve))
    return callbackApi(ctx, call);
  if (call.type === 'CallExpression' && floatsPromise(ctx, call) && !rejectionResolves(ctx, call, resolve))
    return false;
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
  // A concise body may itself be the call (`(resolve) => archive(x, cb)`): the walk starts above it.
  forEachDescendant({ type: 'Wrap', body: executor.body } as unknown as Node, (n) => {
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
