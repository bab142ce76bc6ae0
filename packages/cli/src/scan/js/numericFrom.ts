// Two retry-no-jitter readers ask whether a delay is computed from fixed numbers only (retryLoops.ts: a
// delay whose whole computation is in view; retryResultLoops.ts: one built from class fields typed
// `number`): arithmetic of fixed values has no random part. The walk over literals, locals and arithmetic
// is the same for both; only what else counts as a number differs.
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * Whether `node` is computed from numbers only: a numeric literal, a parameter or `let`/`var` local (a
 * number the code set), a `const` whose initialiser is, arithmetic of them; any other node is judged by
 * `other`, given `again` to judge its operands. Gives up (false) six levels deep.
 * @example
 * numericFrom(ctx, delayNode, 0, () => false) // true for `1000 * 2 ** attempt`, false for `base + Math.random()`
 */
export function numericFrom(
  ctx: ModuleContext,
  node: Node | undefined,
  depth: number,
  other: (n: Node, again: (operand: Node | undefined) => boolean) => boolean,
): boolean {
  const n = unwrap(node);
  if (n === undefined || depth > 6) return false;
  const again = (operand: Node | undefined) => numericFrom(ctx, operand, depth + 1, other);
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'number';
    case 'Identifier': {
      const b = ctx.resolve(n.name as string, n);
      if (b === undefined) return false;
      if (b.kind === 'param' || b.kind === 'let' || b.kind === 'var') return true;
      return b.kind === 'const' && b.init !== undefined && again(b.init);
    }
    case 'BinaryExpression':
      return again(n.left) && again(n.right);
    default:
      return other(n, again);
  }
}
