// Whether a delay has a random part, read from the code rather than its text: a comment that talks about
// jitter spreads nothing, while a call to the module's own `spread(...)` that multiplies by `Math.random()`
// does, and so does a `let` that some other line sets to a random value.
import { calleeName, forEachDescendant, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A name that draws or applies a random spread: `Math.random`, `randomInt`, `jitter`, `withJitter`. */
const RANDOM_NAME = /random|jitter/i;

/**
 * Whether `node` draws a random value: a call or a reference named for one, a call to a module function
 * that does (a few calls deep), or a `let`/`var` that is assigned one anywhere in its scope.
 * @example
 * hasRandomPart(ctx, delay) // true for `spread(2 ** n)` when spread returns `s * Math.random()`
 */
export function hasRandomPart(ctx: ModuleContext, node: Node | undefined, depth = 0): boolean {
  if (node === undefined || node === null || depth > 3) return false;
  const seen = new Set<Node>();
  const draws = (n: Node): boolean => {
    if (n.type === 'CallExpression') {
      if (RANDOM_NAME.test(calleeName(n) ?? '')) return true;
      const fn = ctx.functionOf(n.callee as Node);
      return fn !== undefined && fn !== node && hasRandomPart(ctx, fn, depth + 1);
    }
    if (n.type !== 'Identifier') return false;
    if (RANDOM_NAME.test(n.name as string)) return true;
    const b = ctx.resolve(n.name as string, n);
    if (b === undefined || seen.has(b.declaration)) return false;
    seen.add(b.declaration);
    if (b.kind === 'const') return b.init !== undefined && depth < 3 && hasRandomPart(ctx, b.init, depth + 1);
    if (b.kind !== 'let' && b.kind !== 'var') return false;
    return assignedRandom(ctx, b.scope, n.name as string, b.declaration, depth);
  };
  return draws(node) || someDescendant(node, draws, false);
}

/** Whether a `let` is given a random value anywhere in its scope, at its declaration or later. */
function assignedRandom(
  ctx: ModuleContext,
  scope: Node,
  name: string,
  declaration: Node,
  depth: number,
): boolean {
  if (depth >= 3) return false;
  if (declaration.type === 'VariableDeclarator' && hasRandomPart(ctx, declaration.init as Node, depth + 1))
    return true;
  let found = false;
  forEachDescendant(scope, (n) => {
    if (found) return false;
    if (n.type !== 'AssignmentExpression') return true;
    const left = unwrap(n.left as Node);
    if (left?.type === 'Identifier' && left.name === name && hasRandomPart(ctx, n.right as Node, depth + 1))
      found = true;
    return true;
  });
  return found;
}
