// swallowed-error: a catch that rethrows only what is not an Error (`if (!(e instanceof Error)) throw e`), a
// guard TypeScript's `unknown` catch variable invites before reading `e.message`. Every failure of another
// system (an SDK error, a network error, a driver's error) is an Error, so the guard rethrows none of them:
// the catch is judged by what it does with the rest, as if the guard were not there.
import { forEachDescendant, type Node, unwrap } from '../ast.js';

/**
 * `if (!(e instanceof Error)) throw e` (braces or not, no else): rethrows only a value that is not an Error.
 *
 * @example
 * nonErrorGuard(parse('if (!(e instanceof Error)) throw e')) // -> true
 */
export function nonErrorGuard(node: Node | null | undefined): boolean {
  if (node?.type !== 'IfStatement' || node.alternate != null) return false;
  const test = unwrap(node.test as Node);
  if (test?.type !== 'UnaryExpression' || test.operator !== '!') return false;
  const check = unwrap(test.argument as Node);
  if (check?.type !== 'BinaryExpression' || check.operator !== 'instanceof') return false;
  if (unwrap(check.right as Node)?.name !== 'Error') return false;
  const name = unwrap(check.left as Node)?.name;
  const consequent = node.consequent as Node;
  const statements = consequent.type === 'BlockStatement' ? (consequent.body as Node[]) : [consequent];
  const only = statements.length === 1 ? statements[0] : undefined;
  return (
    typeof name === 'string' &&
    only?.type === 'ThrowStatement' &&
    unwrap(only.argument as Node)?.name === name
  );
}

/**
 * The catch body throws somewhere other than under a non-Error guard (nonErrorGuard): a real rethrow.
 *
 * @example
 * rethrowsErrors(parse('{ if (!(e instanceof Error)) throw e; log(e) }')) // -> false
 */
export function rethrowsErrors(body: Node): boolean {
  let found = false;
  forEachDescendant(
    body,
    (n) => {
      if (found || nonErrorGuard(n)) return false;
      found = n.type === 'ThrowStatement';
      return !found;
    },
    true,
  );
  return found;
}
