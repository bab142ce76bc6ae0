// An identifier spelled like a variable is not always a mention of it: the `S3` of `new AWS.S3()` or the
// key of `{ S3: ... }` is a member or key name. Uses of a client are counted by name (unreadClients.ts,
// presignOnly.ts), and `const S3 = new AWS.S3()`, the aws-sdk v2 habit, names the variable like the class.
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * `n` (an Identifier) is the name of a member (`a.n`, not `a[n]`) or the key of a property or class field
 * (`{ n: v }`, not `{ n }` or `{ [n]: v }`): it names no variable.
 *
 * @example
 * isKeyName(ctx, id) // the `S3` of `new AWS.S3()` -> true; the `S3` of `S3.upload(p)` -> false
 */
export function isKeyName(ctx: ModuleContext, n: Node): boolean {
  const p = ctx.parentOf(n);
  if (p?.type === 'MemberExpression') return p.property === n && !p.computed;
  return (
    (p?.type === 'Property' || p?.type === 'PropertyDefinition') && p.key === n && !p.computed && !p.shorthand
  );
}
