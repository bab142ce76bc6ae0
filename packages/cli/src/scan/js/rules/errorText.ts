// The caught error turned into words: `e instanceof Error ? e.message : String(e)`, `err?.message ?? err`.
// The idiom tests the error only to print it; every error still gets the same answer, so a catch that
// writes it (in a log line or the answer's message) tells no failure apart from another.
import { calleeName, memberPath, type Node, unwrap } from '../ast.js';

/** Properties of an error read for their text. */
const TEXT_FIELDS = new Set(['message', 'stack', 'name']);

/** Is `node` the error itself, text made from it, or a fixed text? */
function textOf(node: Node | undefined, param: string): boolean {
  const n = unwrap(node);
  if (n === undefined) return false;
  if (n.type === 'Identifier') return n.name === param;
  if (n.type === 'Literal') return typeof n.value === 'string';
  if (n.type === 'TemplateLiteral') return (n.expressions as Node[]).every((e) => textOf(e, param));
  if (n.type === 'MemberExpression') {
    const path = memberPath(n);
    return path?.length === 2 && path[0] === param && TEXT_FIELDS.has(path[1] ?? '');
  }
  if (n.type === 'CallExpression') {
    const args = n.arguments as Node[];
    const name = calleeName(n);
    // `String(e)`, `JSON.stringify(e)`, `e.toString()`, `util.inspect(e)`.
    if (name === 'toString' && args.length === 0) return textOf((n.callee as Node).object as Node, param);
    return (name === 'String' || name === 'stringify' || name === 'inspect') && textOf(args[0], param);
  }
  return false;
}

/** `e instanceof Error`, `typeof e === 'string'`: a test of what kind of value the error is. */
function kindTest(test: Node | undefined, param: string): boolean {
  const t = unwrap(test);
  if (t?.type !== 'BinaryExpression') return false;
  if (t.operator === 'instanceof')
    return unwrap(t.left)?.type === 'Identifier' && unwrap(t.left)?.name === param;
  const side = [unwrap(t.left), unwrap(t.right)].find((s) => s?.type === 'UnaryExpression');
  return (
    /^[!=]==?$/.test(t.operator as string) &&
    side?.operator === 'typeof' &&
    unwrap(side.argument as Node)?.type === 'Identifier' &&
    unwrap(side.argument as Node)?.name === param
  );
}

/**
 * Does this conditional or logical expression only make text of the caught error `param`?
 * @example
 * describesError(parse('e instanceof Error ? e.message : String(e)'), 'e'); // true
 * describesError(parse('e instanceof TokenError ? 401 : 500'), 'e'); // false
 */
export function describesError(n: Node, param: string): boolean {
  if (n.type === 'ConditionalExpression')
    return (
      kindTest(n.test as Node, param) &&
      textOf(n.consequent as Node, param) &&
      textOf(n.alternate as Node, param)
    );
  if (n.type === 'LogicalExpression')
    return (
      (n.operator === '||' || n.operator === '??') &&
      textOf(n.left as Node, param) &&
      textOf(n.right as Node, param)
    );
  return false;
}
