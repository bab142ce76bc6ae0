// Whether a delay has a random part, read from the code rather than its text: a comment that talks about
// jitter spreads nothing, while a call to the module's own `spread(...)` that multiplies by `Math.random()`
// does, and so does a `let` that some other line sets to a random value.
import { calleeName, forEachDescendant, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Binding } from '../moduleIndex.js';
import { returnedValues } from '../returnedValues.js';

/** A call that draws or applies a random spread: `Math.random()`, `randomInt(...)`, a library's `jitter(...)`. */
const RANDOM_CALL = /random|jitter/i;

/** Answers per module: the same delay or helper is asked about by several rules. */
const cache = new WeakMap<ModuleContext, Map<Node, boolean>>();

/**
 * Whether `node` draws a random value: a random call, a call to a module function whose returned value
 * does (a few calls deep), a const or parameter default that does, or a `let`/`var` assigned one in its
 * scope. Names are never read: `jitterMs = 0` spreads nothing.
 * @example
 * hasRandomPart(ctx, delay) // true for `spread(2 ** n)` when spread returns `s * Math.random()`
 */
export function hasRandomPart(ctx: ModuleContext, node: Node | undefined, depth = 0): boolean {
  if (node === undefined || node === null || depth > 3) return false;
  let memo = cache.get(ctx);
  if (memo === undefined) {
    memo = new Map();
    cache.set(ctx, memo);
  }
  const known = memo.get(node);
  if (known !== undefined) return known;
  memo.set(node, false);
  const answer = isFunction(node)
    ? (returnedValues(node) ?? []).some((v) => hasRandomPart(ctx, v, depth + 1))
    : drawsRandom(ctx, node, depth);
  memo.set(node, answer);
  return answer;
}

function drawsRandom(ctx: ModuleContext, node: Node, depth: number): boolean {
  const draws = (n: Node): boolean => {
    if (n.type === 'CallExpression') {
      const fn = ctx.functionOf(n.callee as Node);
      if (fn !== undefined) return hasRandomPart(ctx, fn, depth + 1);
      return RANDOM_CALL.test(calleeName(n) ?? '');
    }
    if (n.type !== 'Identifier') return false;
    const b = ctx.resolve(n.name as string, n);
    if (b === undefined) return false;
    if (b.kind === 'const') return b.init !== undefined && hasRandomPart(ctx, b.init, depth + 1);
    if (b.kind === 'param')
      return paramDefault(b.declaration, n.name as string, (d) => hasRandomPart(ctx, d, depth + 1));
    if (b.kind !== 'let' && b.kind !== 'var') return false;
    return assignedRandom(ctx, b, depth);
  };
  return draws(node) || someDescendant(node, draws, false);
}

/** A parameter's default value (`jitterMs = 0`) tested by `test`. */
function paramDefault(fn: Node, name: string, test: (d: Node) => boolean): boolean {
  return someDescendant(
    fn,
    (n) =>
      n.type === 'AssignmentPattern' &&
      unwrap(n.left as Node)?.type === 'Identifier' &&
      unwrap(n.left as Node)?.name === name &&
      test(n.right as Node),
    true,
  );
}

/** Whether a `let` is given a random value anywhere in its scope, at its declaration or later (this binding only). */
function assignedRandom(ctx: ModuleContext, binding: Binding, depth: number): boolean {
  if (depth >= 3) return false;
  const declaration = binding.declaration;
  if (declaration.type === 'VariableDeclarator' && hasRandomPart(ctx, declaration.init as Node, depth + 1))
    return true;
  let found = false;
  forEachDescendant(binding.scope, (n) => {
    if (found) return false;
    if (n.type !== 'AssignmentExpression') return true;
    const left = unwrap(n.left as Node);
    if (
      left?.type === 'Identifier' &&
      ctx.resolve(left.name as string, left) === binding &&
      hasRandomPart(ctx, n.right as Node, depth + 1)
    )
      found = true;
    return true;
  });
  return found;
}
