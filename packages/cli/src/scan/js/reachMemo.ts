// exportsReaching (handlerImports.ts) asked again of the same function: floating-promise asks it of a
// statement and candidatePath again of the call it reports there, and every rule of a handler-less module
// asks it of each site it reports, most sites sharing their function with others (on a 1,100-file CDK
// application, 1,983 questions about 898 functions). Its answer depends only on the innermost function
// around the node (the chain of functions above it follows from that one) and on the module's syntax, which
// does not change once its context is built; so it is remembered per context, function and variant.
import { isFunction, type Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Per context: the answers without classes (index 0) and with them (index 1), by innermost function. */
const answers = new WeakMap<ModuleContext, [Map<Node, readonly string[]>, Map<Node, readonly string[]>]>();

/** The functions around `node`, innermost first. */
export function enclosing(ctx: ModuleContext, node: Node): Node[] {
  const out: Node[] = [];
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) if (isFunction(n)) out.push(n);
  return out;
}

/**
 * `find(chain)`'s names, `chain` being the functions around `node` (none: no names, find not asked), found
 * once per context, innermost function and `withClasses`. Each caller gets its own copy: some add to it.
 * @example
 * rememberedReach(ctx, stmt, true, (chain) => names(chain)); // asked again of a node of the same function: no call
 */
export function rememberedReach(
  ctx: ModuleContext,
  node: Node,
  withClasses: boolean,
  find: (chain: Node[]) => string[],
): string[] {
  const chain = enclosing(ctx, node);
  const inner = chain[0];
  if (inner === undefined) return [];
  let byVariant = answers.get(ctx);
  if (byVariant === undefined) {
    byVariant = [new Map(), new Map()];
    answers.set(ctx, byVariant);
  }
  const byFunction = byVariant[withClasses ? 1 : 0];
  let names = byFunction.get(inner);
  if (names === undefined) {
    names = find(chain);
    byFunction.set(inner, names);
  }
  return [...names];
}
