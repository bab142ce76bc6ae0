// A factory that hands out the instance it builds (`return new SmsService()`, or a cached singleton:
// `instance ??= new SmsService(); return instance`) gives its callers every method of the class: they hold
// the object and call what they like, as an importer naming the class itself would. A function that only
// builds the object to use it inside (`return new Prober(url).name()`) hands out nothing. Only a function
// the module exports hands the instance to callers outside it: a module-local helper or callback that
// returns `new Prober(url)` keeps it inside, and counting it would reach every method again (round 39's
// prober trap, one indirection away).
import { isFunction, type Node, someDescendant, unwrap } from './ast.js';
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
 * The construction `site` is what its enclosing function, one the module exports, returns: directly, through a cast or a `??=`,
 * or through the variable it is stored in (`instance ??= new C(); return instance`).
 *
 * @example
 * returnedInstance(ctx, site) // true for `new PagerService(url)` in `instance ??= new PagerService(url); return instance`
 * returnedInstance(ctx, site) // false for `new Prober(url)` in `return new Prober(url).name()`
 */
export function returnedInstance(ctx: ModuleContext, site: Node): boolean {
  const fn = ctx.enclosingFunction(site);
  if (fn === undefined || !exported(ctx, fn)) return false;
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

/** `fn` is an export's own function, or a method of an exported class: callers outside the module run it. */
function exported(ctx: ModuleContext, fn: Node): boolean {
  for (const value of ctx.exports.values()) {
    if ((isFunction(value) ? value : ctx.functionOf(value)) === fn) return true;
    const binding = value.type === 'Identifier' ? ctx.resolve(value.name as string, value) : undefined;
    const cls = binding?.kind === 'class' ? binding.declaration : value;
    const members = (cls.body as Node | undefined)?.body;
    if (Array.isArray(members) && (members as Node[]).some((m) => unwrap(m.value as Node) === fn))
      return true;
  }
  return false;
}
