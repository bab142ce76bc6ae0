// A catch that sets a local flag before its answer (`saved = false; return ok({ queued: true })`) is no
// handling when nothing ever reads the flag: the store is dead, and the catch only observes the failure.
// The flag is the function's own `let` by binding (loggedFlag.ts's test), and any other use of that same
// binding in the function, in or after the catch, counts as a read.
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { flagSet, localLet } from './loggedFlag.js';

/**
 * `flag = true|false;` where `flag` is a `let` declared in the same function and read nowhere in it.
 *
 * @example
 * // function f() { let failed = false; try { await put() } catch (e) { failed = true; return ok() } }
 * deadStore(ctx, parse('failed = true;')) // true
 */
export function deadStore(ctx: ModuleContext, statement: Node): boolean {
  const flag = flagSet(statement);
  const fn = ctx.enclosingFunction(statement);
  if (flag === undefined || fn === undefined) return false;
  const binding = localLet(ctx, flag, statement, fn);
  if (binding === undefined) return false;
  const read = someDescendant(fn, (n) => {
    if (n.type !== 'Identifier' || n.name !== flag || ctx.resolve(flag, n) !== binding) return false;
    const parent = ctx.parentOf(n);
    if (parent?.type === 'AssignmentExpression' && parent.left === n) return false;
    if (parent?.type === 'VariableDeclarator' && parent.id === n) return false;
    if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return false;
    return !(parent?.type === 'Property' && parent.key === n && !parent.shorthand && !parent.computed);
  });
  return !read;
}
