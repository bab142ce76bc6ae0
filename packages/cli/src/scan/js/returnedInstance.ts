// A factory that hands out the instance it builds (`return new SmsService()`, or a cached singleton:
// `instance ??= new SmsService(); return instance`) gives its callers every method of the class: they hold
// the object and call what they like, as an importer naming the class itself would. A function that only
// builds the object to use it inside (`return new Prober(url).name()`) hands out nothing.
import { type Node, someDescendant, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** What stands between a construction and the value it becomes: parentheses, casts, `a ?? b`, `c ? a : b`. */
const PASSES_ON = new Set([
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'LogicalExpression',
  'ConditionalExpression',
  'AssignmentExpression',
]);

/**
 * The construction `site` is what its enclosing function returns: directly, through a cast or a `??=`,
 * or through the variable it is stored in (`instance ??= new C(); return instance`).
 *
 * @example
 * returnedInstance(ctx, site) // true for `new PagerService(url)` in `instance ??= new PagerService(url); return instance`
 * returnedInstance(ctx, site) // false for `new Prober(url)` in `return new Prober(url).name()`
 */
export function returnedInstance(ctx: ModuleContext, site: Node): boolean {
  const fn = ctx.enclosingFunction(site);
  if (fn === undefined) return false;
  let node = site;
  let parent = ctx.parentOf(node);
  let holder: string | undefined;
  while (parent !== undefined && PASSES_ON.has(parent.type as string)) {
    // `x = new C()` / `x ??= new C()`: the value is also kept in `x`.
    if (parent.type === 'AssignmentExpression') {
      if (parent.right !== node) return false;
      const left = unwrap(parent.left as Node);
      if (left?.type === 'Identifier') holder = left.name as string;
    } else if (parent.type === 'ConditionalExpression' && parent.test === node) return false;
    node = parent;
    parent = ctx.parentOf(node);
  }
  if (parent?.type === 'ReturnStatement' || (parent === fn && fn.body === node)) return true;
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id?.type === 'Identifier')
    holder = parent.id.name as string;
  else if (parent?.type !== 'ExpressionStatement') return false;
  if (holder === undefined) return false;
  const name = holder;
  return someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'ReturnStatement') return false;
      const value = unwrap(n.argument as Node | undefined);
      return value?.type === 'Identifier' && value.name === name;
    },
    true,
  );
}
