// What a later check can tell about a try that failed. A catch that only logs leaves the variables the try
// assigns as they were before it; a check after it that throws when one is unset (`if (!res?.Item) throw`)
// passes the failure on only when (a) the check finds the variable unset, also through a field of it, (b)
// the variable was unset before the try (a preset stand-in passes the check), and (c) nothing of the try
// reaches another system after the variable is set (a write after the read fails with the read's value
// already set, and the check lets it through).
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { testsUnset } from './catchAfter.js';
import { isIoNode } from './catchFacts.js';
import { presetBefore } from './fallbackValueRead.js';

/** `x.a`, `x?.a.b`, `x['a']`: a field read rooted at `name`, through optional chains. */
function fieldOf(n: Node | undefined, name: string): boolean {
  let at = unwrap(n);
  if (at?.type === 'ChainExpression') at = unwrap(at.expression);
  if (at?.type !== 'MemberExpression') return false;
  while (at?.type === 'MemberExpression') at = unwrap(at.object);
  return at?.type === 'Identifier' && at.name === name;
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
  if (t?.type !== 'BinaryExpression' || !/^==?=$/.test(t.operator as string)) return false;
  const absent = (n: Node | undefined) => {
    const u = unwrap(n);
    return (
      (u?.type === 'Identifier' && u.name === 'undefined') || (u?.type === 'Literal' && u.value === null)
    );
  };
  return (fieldOf(t.left, name) && absent(t.right)) || (fieldOf(t.right, name) && absent(t.left));
}

/**
 * `name` is unset when the try fails: not preset to a value before the try, and no call of the try's block
 * reaches another system after its last assignment there (that call's failure would leave it set).
 */
export function unsetWhenFailed(ctx: ModuleContext, tryStatement: Node, name: string): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  if (fn === undefined || presetBefore(fn, name, tryStatement.start)) return false;
  const block = tryStatement.block as Node;
  let lastSet = -1;
  someDescendant(
    block,
    (n) => {
      if (n.type === 'AssignmentExpression' && unwrap(n.left)?.name === name)
        lastSet = Math.max(lastSet, n.end);
      return false;
    },
    true,
  );
  return lastSet >= 0 && !someDescendant(block, (n) => n.start > lastSet && isIoNode(ctx, n), true);
}
