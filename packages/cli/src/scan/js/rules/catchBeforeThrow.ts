// swallowed-error: a `.catch` whose stand-in only feeds the throw right after it. Reading an error
// answer's body for the message (`const reason = await res.text().catch(() => '')`, then `throw new
// Error(`${res.status} - ${reason}`)`) is a second failure on the way out: the path already fails, and the
// stand-in only leaves the message shorter, as a catch on a path that throws right after does.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Nodes a `.catch` chain's statement is reached through: the chain, `await`, parentheses, a cast. */
const CHAIN = new Set([
  'AwaitExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'MemberExpression',
  'CallExpression',
  'ChainExpression',
]);

/**
 * The statement holding the `.catch` chain (a declaration or an expression) is followed, in its block, by
 * a `throw`.
 *
 * @example
 * // const reason = await res.text().catch(() => ''); throw new Error(`failed: ${res.status} ${reason}`);
 * throwsNext(ctx, catchCall) // -> true
 */
export function throwsNext(ctx: ModuleContext, call: Node): boolean {
  let at = call;
  let parent = ctx.parentOf(at);
  while (parent !== undefined && CHAIN.has(parent.type)) {
    at = parent;
    parent = ctx.parentOf(at);
  }
  if (parent?.type === 'VariableDeclarator') {
    at = ctx.parentOf(parent) as Node;
    parent = ctx.parentOf(at);
  } else if (parent?.type === 'ExpressionStatement') {
    at = parent;
    parent = ctx.parentOf(at);
  } else return false;
  if (parent?.type !== 'BlockStatement' && parent?.type !== 'Program') return false;
  const statements = parent.body as Node[];
  return statements[statements.indexOf(at) + 1]?.type === 'ThrowStatement';
}
