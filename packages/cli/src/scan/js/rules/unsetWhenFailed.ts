// What a later check can tell about a try that failed. A catch that only logs leaves the variables the try
// assigns as they were before it; a check after it that throws when one is unset (`if (!res?.Item) throw`)
// passes the failure on only when (a) the check finds the variable unset, also through a field of it, (b)
// the variable was unset before the try: a `let x;` of the function with no value given before the try
// (a parameter, a preset stand-in, an assignment, or a loop's previous pass pass the check), and (c)
// nothing of the try reaches another system after the variable is set (a write after the read fails with
// the read's value already set, and the check lets it through).
import { type Node, rootIdentifier, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode } from './catchFacts.js';
import { isNullish, loopBetween } from './dereferencedAfter.js';

/** `undefined`, and with `==`/`!=` also `null`: what an unset variable equals (`undefined === null` is false). */
function absent(n: Node | undefined, operator: string): boolean {
  const u = unwrap(n);
  if (operator.length === 2) return isNullish(u);
  return u?.type === 'Identifier' && u.name === 'undefined';
}

/** `!x`, `x === undefined`, `x == null`, `typeof x === 'undefined'`: the test that `name` was never set. */
export function testsUnset(test: Node, name: string): boolean {
  const t = unwrap(test);
  const named = (n: Node | undefined) => unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === name;
  if (t?.type === 'UnaryExpression' && t.operator === '!') return named(t.argument);
  if (t?.type === 'LogicalExpression' && t.operator === '||')
    return testsUnset(t.left, name) || testsUnset(t.right, name);
  if (t?.type !== 'BinaryExpression' || (t.operator !== '==' && t.operator !== '===')) return false;
  const op = t.operator as string;
  const typeofOf = (n: Node | undefined) => {
    const u = unwrap(n);
    return u?.type === 'UnaryExpression' && u.operator === 'typeof' && named(u.argument);
  };
  const [l, r] = [t.left as Node, t.right as Node];
  if ((named(l) && absent(r, op)) || (named(r) && absent(l, op))) return true;
  const undef = (n: Node) => unwrap(n)?.type === 'Literal' && unwrap(n)?.value === 'undefined';
  return (typeofOf(l) && undef(r)) || (typeofOf(r) && undef(l));
}

/** `x.a`, `x?.a.b`, `x['a']`: a field read rooted at `name`, through optional chains. */
function fieldOf(n: Node | undefined, name: string): boolean {
  let at = unwrap(n);
  if (at?.type === 'ChainExpression') at = unwrap(at.expression);
  return at?.type === 'MemberExpression' && rootIdentifier(at) === name;
}

/**
 * The test is true when `name` was never set: `testsUnset`'s forms, and the same on a field of it (`!x?.Item`,
 * `x?.Item === undefined`; on a plain `x.Item` an unset `x` throws a TypeError, which fails the path too).
 */
export function findsUnset(test: Node, name: string): boolean {
  if (testsUnset(test, name)) return true;
  const t = unwrap(test);
  if (t?.type === 'UnaryExpression' && t.operator === '!') return fieldOf(t.argument, name);
  if (t?.type === 'LogicalExpression' && t.operator === '||')
    return findsUnset(t.left, name) || findsUnset(t.right, name);
  if (t?.type !== 'BinaryExpression' || (t.operator !== '==' && t.operator !== '===')) return false;
  const op = t.operator as string;
  return (fieldOf(t.left, name) && absent(t.right, op)) || (fieldOf(t.right, name) && absent(t.left, op));
}

/**
 * `name` at `left` (the try's assignment) is a `let`/`var` of `fn` declared before the try without a value
 * (`let x;`, `= undefined`, `= null`), given none before the try, and not declared outside a loop that
 * holds both the try and the `check` (the second pass holds the first pass's value).
 */
function unsetBefore(ctx: ModuleContext, fn: Node, tryStatement: Node, left: Node, check: Node): boolean {
  const name = left.name as string;
  const binding = ctx.resolve(name, left);
  if (binding === undefined || (binding.kind !== 'let' && binding.kind !== 'var')) return false;
  const declaration = binding.declaration;
  if (ctx.enclosingFunction(declaration) !== fn || declaration.end >= tryStatement.start) return false;
  if (binding.init != null && !isNullish(binding.init)) return false;
  if (loopBetween(ctx, tryStatement, declaration, check)) return false;
  // An `if (x === undefined) { try ... }` around the try sees it unset: count assignments from there on.
  const from = guardOf(ctx, fn, tryStatement, name)?.start ?? declaration.end;
  return !someDescendant(fn.body as Node, (n) => {
    if (n.start <= from || n.end >= tryStatement.start) return false;
    const target =
      n.type === 'AssignmentExpression' ? n.left : n.type === 'UpdateExpression' ? n.argument : null;
    return unwrap(target as Node | undefined)?.name === name;
  });
}

/** The nearest `if` of the function around the try, whose test finds `name` unset before the try runs. */
function guardOf(ctx: ModuleContext, fn: Node, tryStatement: Node, name: string): Node | undefined {
  for (
    let n: Node = tryStatement, p = ctx.parentOf(n);
    p !== undefined && p !== fn;
    n = p, p = ctx.parentOf(p)
  )
    if (p.type === 'IfStatement' && n === p.consequent)
      return testsUnset(p.test as Node, name) ? p : undefined;
  return undefined;
}

/**
 * `name` is unset when the try fails: unset before the try (`unsetBefore`), and no call of the try's block
 * reaches another system after its last assignment there (that call's failure would leave it set).
 */
export function unsetWhenFailed(ctx: ModuleContext, tryStatement: Node, name: string, check: Node): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  if (fn === undefined) return false;
  const block = tryStatement.block as Node;
  let lastSet: Node | undefined;
  someDescendant(
    block,
    (n) => {
      if (n.type === 'AssignmentExpression' && unwrap(n.left)?.name === name && n.end > (lastSet?.end ?? -1))
        lastSet = n;
      return false;
    },
    true,
  );
  if (lastSet === undefined || !unsetBefore(ctx, fn, tryStatement, unwrap(lastSet.left) as Node, check))
    return false;
  const after = lastSet.end;
  return !someDescendant(block, (n) => n.start > after && isIoNode(ctx, n), true);
}
