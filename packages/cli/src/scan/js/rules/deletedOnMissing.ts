// A job's catch that answers nothing is excused because its next run selects the item again
// (bestEffortCatch.ts nextRunRetries), unless the caller reads "nothing" as "the item is gone" and deletes
// it: `if (!await webhookStillExists(req)) removeRequest(req)`. A throttle in the check then deletes the
// pending work, so no later run finds it again.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { deletes } from './catchAfter.js';

/** `await`, parentheses and casts: the answer passes through them unchanged. */
function bare(node: Node | undefined): Node | undefined {
  let n = unwrap(node);
  while (n?.type === 'AwaitExpression') n = unwrap(n.argument as Node);
  return n;
}

/** A call of `fn` itself, resolved by binding: another function of the same name elsewhere is not it. */
function callOf(ctx: ModuleContext, node: Node | undefined, fn: Node): boolean {
  const n = bare(node);
  return n?.type === 'CallExpression' && ctx.functionOf(n.callee as Node) === fn;
}

/**
 * What `test` comes to when `fn` answers nothing: false, true, or undefined when the answer does not decide
 * it. Follows `!`, `||` and `&&`, and a name holding the answer (`const ok = await exists(d); if (!ok)`).
 */
function whenMissing(ctx: ModuleContext, test: Node | undefined, fn: Node): boolean | undefined {
  const n = bare(test);
  if (n === undefined) return undefined;
  if (callOf(ctx, n, fn)) return false;
  if (n.type === 'Identifier') return callOf(ctx, ctx.valueOf(n), fn) ? false : undefined;
  if (n.type === 'UnaryExpression' && n.operator === '!') {
    const v = whenMissing(ctx, n.argument as Node, fn);
    return v === undefined ? undefined : !v;
  }
  if (n.type !== 'LogicalExpression' || (n.operator !== '||' && n.operator !== '&&')) return undefined;
  // `a || b` is true once either side is; `a && b` false once either side is. The other outcome needs both.
  const decides = n.operator === '||';
  const sides = [whenMissing(ctx, n.left as Node, fn), whenMissing(ctx, n.right as Node, fn)];
  if (sides.includes(decides)) return decides;
  return sides.every((v) => v === !decides) ? !decides : undefined;
}

/**
 * A delete of the work, not of a local record of it: `seen.delete(id)` on a `new Set()`, a Map or an array
 * the module made forgets nothing the next run would select.
 */
function deletesWork(ctx: ModuleContext, call: Node): boolean {
  if (!deletes(ctx, call)) return false;
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return true;
  const receiver = ctx.valueOf(callee.object as Node);
  if (receiver?.type === 'ArrayExpression') return false;
  return !(
    receiver?.type === 'NewExpression' && /^(Weak)?(Set|Map)$/.test(unwrap(receiver.callee)?.name ?? '')
  );
}

/** The branch of an `if` or `?:` the nothing answered by `fn` sends control to. */
function missingBranch(ctx: ModuleContext, node: Node, fn: Node): Node | undefined {
  if (node.type !== 'IfStatement' && node.type !== 'ConditionalExpression') return undefined;
  const v = whenMissing(ctx, node.test as Node, fn);
  if (v === undefined) return undefined;
  return ((v ? node.consequent : node.alternate) as Node | null) ?? undefined;
}

/**
 * Some caller of the function holding `handler` (a catch) tests its answer (directly, negated, in `||` /
 * `&&`, through a `const`) in an `if` or `?:` whose side for "nothing" deletes the work (`remove...`,
 * `delete...`, `send(new Delete...Command)`): the failure answered as nothing deletes the item.
 *
 * @example
 * // const exists = async (r) => { try { return await readOne(r.id) } catch (e) { log(e) } }
 * // ... if (!await exists(r)) removeRequest(r)
 * deletedOnMissingAnswer(ctx, catchClause) // -> true
 */
export function deletedOnMissingAnswer(ctx: ModuleContext, handler: Node): boolean {
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined) return false;
  const scopes = new Set<Node>();
  for (const call of ctx.of('CallExpression'))
    if (callOf(ctx, call, fn)) scopes.add(ctx.enclosingFunction(call) ?? ctx.program);
  const deletesOnMissing = (n: Node) => {
    const branch = missingBranch(ctx, n, fn);
    return (
      branch !== undefined &&
      ((branch.type === 'CallExpression' && deletesWork(ctx, branch)) ||
        someDescendant(branch, (d) => d.type === 'CallExpression' && deletesWork(ctx, d), true))
    );
  };
  // A nested function is its own scope (added above when it calls `fn`), so the walk does not enter it.
  return [...scopes].some((scope) =>
    someDescendant(scope, (n) => !isFunction(n) && deletesOnMissing(n), true),
  );
}
