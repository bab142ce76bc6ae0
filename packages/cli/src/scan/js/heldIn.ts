// Where a built value is kept: the variable `const ddb = new DynamoDBClient(...) as Client` names. Rules that
// judge a client by its uses (every send signalled, never read at all) start from that variable.
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** A parenthesis, `as` or `satisfies` around an expression: what stands between a value and its holder. */
export const isCastOrParen = (p: Node): boolean =>
  p.type === 'TSAsExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSSatisfiesExpression';

/**
 * The declarator of the plain variable a value is the initializer of, through casts and parentheses.
 * @example
 * heldIn(ctx, newClientNode)?.id.name; // 'ddb' for `const ddb = new DynamoDBClient({}) as Client`
 */
export function heldIn(ctx: ModuleContext, created: Node): Node | undefined {
  const { parent } = ctx.climb(created, isCastOrParen);
  return parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier' ? parent : undefined;
}
