// A catch whose check is negated answers every failure but the kinds it names: `if (e.statusCode !== 404)
// return respond(500, ...)`. Only the named kinds (a 404 read as "no such row") fall through to the code
// after the try, which is the decided answer to them, not a failure passing for success. catchShapes.ts
// asks this before reading such a check as one that handles one kind and drops the rest; so it asks of a
// check that names no kind at all (`e instanceof Error`).
import { type Node, rootIdentifier, unwrap } from '../ast.js';
import { isDefaultValue } from '../emptyValues.js';

/**
 * The test is true for every error but the kinds it names, so its branch answers all failures except
 * those: `e.code !== 'NotFound'`, `e.statusCode != 404`, `!(e instanceof NotFoundError)`, or such tests
 * joined with `&&` (`e.code !== 'A' && e.code !== 'B'`). Each part must compare the caught error (a name in
 * `names`) with a constant, so the kinds falling through are exactly the constants written there.
 *
 * @example
 * allButNamedKinds(ifStatement.test, new Set(['error'])) // `error.statusCode !== 404` -> true
 */
export function allButNamedKinds(test: Node | undefined, names: ReadonlySet<string>): boolean {
  const t = unwrap(test);
  if (t === undefined) return false;
  if (t.type === 'LogicalExpression' && t.operator === '&&')
    return allButNamedKinds(t.left as Node, names) && allButNamedKinds(t.right as Node, names);
  if (t.type === 'UnaryExpression' && t.operator === '!') {
    const inner = unwrap(t.argument as Node);
    return (
      inner?.type === 'BinaryExpression' &&
      inner.operator === 'instanceof' &&
      mentions(inner.left as Node, names) &&
      unwrap(inner.right as Node)?.type === 'Identifier'
    );
  }
  if (t.type !== 'BinaryExpression' || (t.operator !== '!==' && t.operator !== '!=')) return false;
  const [left, right] = [unwrap(t.left as Node), unwrap(t.right as Node)];
  return (mentions(left, names) && constant(right)) || (mentions(right, names) && constant(left));
}

/**
 * The test is true for every real failure: `error instanceof Error` (or `Object`). Every error a library or
 * the runtime throws is an Error, so the branch it guards handles them all; only a thrown string or number
 * takes the other path (`if (e instanceof Error) callback(e); else { ... }`, TypeScript's idiom for an
 * `unknown` catch binding). A narrower check (`e instanceof Error && e.name === 'X'`) names a kind.
 *
 * @example
 * everyKind(ifStatement.test, new Set(['err'])) // `err instanceof Error` -> true
 */
export function everyKind(test: Node | undefined, names: ReadonlySet<string>): boolean {
  const t = unwrap(test);
  if (t?.type !== 'BinaryExpression' || t.operator !== 'instanceof') return false;
  const [left, right] = [unwrap(t.left as Node), unwrap(t.right as Node)];
  return (
    left?.type === 'Identifier' &&
    names.has(left.name as string) &&
    right?.type === 'Identifier' &&
    (right.name === 'Error' || right.name === 'Object')
  );
}

/** The side reads the caught error: `error.code`, `err?.$metadata?.httpStatusCode`. */
function mentions(n: Node | undefined, names: ReadonlySet<string>): boolean {
  return (
    n !== undefined &&
    (n.type === 'MemberExpression' || n.type === 'Identifier') &&
    names.has(rootIdentifier(n) ?? '')
  );
}

/** A literal, or a `Kind.NotFound`-style member: a kind named in the code, not a value read at run time. */
function constant(n: Node | undefined): boolean {
  if (n === undefined) return false;
  if (n.type === 'Literal') return typeof n.value === 'string' || typeof n.value === 'number';
  if (n.type === 'TemplateLiteral') return (n.expressions as Node[]).length === 0;
  return n.type === 'MemberExpression' && unwrap(n.object as Node)?.type === 'Identifier' && !n.computed;
}

/**
 * Every path through the branch ends in a throw or in a return of a value, so no failure it is taken for
 * falls through. A bare `return` or a `return null` (or any default value) ends the call as if nothing had
 * failed, and a return under a further `if` leaves the other path falling through: neither answers the
 * failure. The branch may be a lone statement (`if (...) return respond(500)`) or a block.
 *
 * @example
 * answersEveryPath(ifStatement.consequent) // `{ log(e); return respond(500, {}) }` -> true
 */
export function answersEveryPath(branch: Node | null | undefined): boolean {
  if (branch == null) return false;
  if (branch.type === 'ThrowStatement') return true;
  if (branch.type === 'ReturnStatement')
    return branch.argument != null && !isDefaultValue(branch.argument as Node);
  if (branch.type === 'BlockStatement') return (branch.body as Node[]).some((s) => answersEveryPath(s));
  if (branch.type === 'IfStatement')
    return answersEveryPath(branch.consequent as Node) && answersEveryPath(branch.alternate as Node | null);
  return false;
}
