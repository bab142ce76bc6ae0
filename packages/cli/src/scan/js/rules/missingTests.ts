// The tests an `if` makes for a value that is not there: a missing value (`!x`, `x === null`) or an empty
// list (`!x.length`, `x.keys.length === 0`). infra-error-as-auth follows a failure answered null or empty to
// such a test; the test names the variable the failure travels in.
import { type Node, unwrap } from '../ast.js';

/** The name an `if` tests for a missing value: `!x`, `x === null`, `x == null`, `x === undefined`. */
export function testedName(test: Node | undefined): string | undefined {
  const t = unwrap(test);
  if (t?.type === 'UnaryExpression' && t.operator === '!') return unwrap(t.argument)?.name as string;
  // `!profile || !profile.credits`: the branch is taken whenever the first test is, the name missing.
  if (t?.type === 'LogicalExpression' && t.operator === '||') return testedName(t.left as Node);
  if (t?.type !== 'BinaryExpression' || !['==', '==='].includes(t.operator as string)) return;
  const [a, b] = [unwrap(t.left), unwrap(t.right)];
  const missing = (n: Node | undefined) =>
    (n?.type === 'Literal' && (n.value === null || n.value === false)) ||
    (n?.type === 'Identifier' && n.name === 'undefined');
  if (missing(b) && a?.type === 'Identifier') return a.name as string;
  if (missing(a) && b?.type === 'Identifier') return b.name as string;
  return undefined;
}

/** The name an `if` tests for an empty list: `!x.length`, `x.length === 0`, `!x.keys.length`. */
export function emptiedName(test: Node | undefined): string | undefined {
  const t = unwrap(test);
  const zero = (n: Node | undefined) => n?.type === 'Literal' && n.value === 0;
  const measured =
    t?.type === 'UnaryExpression' && t.operator === '!'
      ? unwrap(t.argument)
      : t?.type === 'BinaryExpression' &&
          ['==', '==='].includes(t.operator as string) &&
          zero(unwrap(t.right))
        ? unwrap(t.left)
        : undefined;
  if (measured?.type !== 'MemberExpression' || measured.property?.name !== 'length') return undefined;
  let owner = unwrap(measured.object);
  if (owner?.type === 'MemberExpression' && owner.property?.name === 'keys') owner = unwrap(owner.object);
  return owner?.type === 'Identifier' ? (owner.name as string) : undefined;
}
