// What a `var` stands for when nothing assigns it again. valueOf follows `const` and `let` but leaves a
// `var` alone; code written before ES2015 keeps its request options in one (`var options = { method:
// 'GET', url }`), and where the module never assigns that name again its declaration is its value.
import { type Node, someDescendant, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The initializer of the `var` that `node` names, when no assignment in the module writes that binding.
 * @example
 * // var options = { url, method: 'GET' }; request(options, cb)
 * unassignedVar(ctx, optionsArg) // the object literal
 */
export function unassignedVar(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const id = unwrap(node);
  if (id?.type !== 'Identifier') return undefined;
  const name = id.name as string;
  const binding = ctx.resolve(name, id);
  if (binding?.kind !== 'var' || binding.init === undefined) return undefined;
  const assigned = someDescendant(ctx.program, (n) => {
    if (n.type !== 'AssignmentExpression') return false;
    const left = unwrap(n.left as Node);
    return left?.type === 'Identifier' && left.name === name && ctx.resolve(name, left) === binding;
  });
  if (assigned) return undefined;
  return unwrap(binding.init);
}
