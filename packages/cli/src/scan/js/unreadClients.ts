// sdk-client-no-timeout is about requests that can hang. A client held in a module variable that nothing in
// the module reads (`const ec2 = new EC2({})` left behind when the lookups moved to another module) sends no
// request at all: not exported, no other module can reach it either. An exported client is still reported
// wherever it is built (its importers may be out of sight: a path alias, another package). A read in code a
// constant switches off (`const doTrace = false; if (doTrace) { ... }`, fixedOff.ts) is no read.
import { type Node, someDescendant } from './ast.js';
import { switchedOff } from './fixedOff.js';
import { heldIn } from './heldIn.js';
import { isKeyName } from './keyNames.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The client (`created`, a `new ...Client(...)`) is the initializer of a module-level `const`/`let` that no
 * expression of the module reads and that the module does not export (by declaration, specifier or
 * CommonJS): it sends no request.
 *
 * @example
 * unreadClient(ctx, node) // const ec2 = new EC2({}); (never read) -> true
 * unreadClient(ctx, node) // export const ssm = new SSMClient(); -> false
 */
export function unreadClient(ctx: ModuleContext, created: Node): boolean {
  const parent = heldIn(ctx, created);
  if (parent === undefined) return false;
  const statement = ctx.parentOf(parent);
  // An exported declaration is reported where it is built: its importers may be out of sight.
  if (statement === undefined || ctx.parentOf(statement)?.type !== 'Program') return false;
  const name = parent.id.name as string;
  // Any other mention is a read, an `export { ec2 }` specifier and `module.exports = { ec2 }` included.
  const read = someDescendant(
    ctx.program,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name || n === parent.id) return false;
      // A member name or property key spelled like the variable is not the variable.
      if (isKeyName(ctx, n)) return false;
      // Only a binding that shadows it is another variable; an unresolved mention counts as a read.
      const declaration = ctx.resolve(name, n)?.declaration;
      return (declaration === undefined || declaration === parent) && !switchedOff(ctx, n);
    },
    false,
  );
  return !read && ![...ctx.exports.values()].some((v) => v === created || v === parent || v === parent.id);
}
