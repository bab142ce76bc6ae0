// The caught error turned into words: `e instanceof Error ? e.message : String(e)`, `err?.message ?? err`.
// The idiom tests the error only to print it; every error still gets the same answer, so a catch that
// writes it (in a log line or the answer's message) tells no failure apart from another.
import { calleeName, memberPath, type Node, unwrap } from '../ast.js';

/**
 * Built-in error classes: a test against one asks what kind of value was thrown, not which failure; a
 * dropped one logs nothing (unthrownError.ts).
 * @example
 * BUILT_IN_ERRORS.has('TypeError') // true
 */
export const BUILT_IN_ERRORS = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
  'AggregateError',
  'DOMException',
]);

/** Properties of an error read for their text. */
const TEXT_FIELDS = new Set(['message', 'stack', 'name']);

/** Is `node` text made from the error `param` (the error itself, a field of it, or a call on it)? */
function fromError(node: Node | undefined, param: string): boolean {
  const n = unwrap(node);
  if (n === undefined || n.type === 'Literal') return false;
  if (n.type === 'TemplateLiteral')
    return (n.expressions as Node[]).some((e) => fromError(e, param)) && textOf(n, param);
  return textOf(n, param);
}

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
  if (t.operator === 'instanceof') {
    // `e instanceof JwtBaseError` picks out a failure; only a built-in class asks what kind of value it is.
    const right = unwrap(t.right);
    return (
      unwrap(t.left)?.type === 'Identifier' &&
      unwrap(t.left)?.name === param &&
      right?.type === 'Identifier' &&
      BUILT_IN_ERRORS.has(right.name as string)
    );
  }
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
 * describesError(parse("e instanceof JwtBaseError ? 'UNAUTHORIZED' : 'INTERNAL'"), 'e'); // false
 */
export function describesError(n: Node, param: string): boolean {
  if (n.type === 'ConditionalExpression')
    return (
      kindTest(n.test as Node, param) &&
      textOf(n.consequent as Node, param) &&
      textOf(n.alternate as Node, param) &&
      // Two fixed texts (`'UNAUTHORIZED' : 'INTERNAL'`) are a choice of answer, not the error in words.
      (fromError(n.consequent as Node, param) || fromError(n.alternate as Node, param))
    );
  if (n.type === 'LogicalExpression')
    return (
      (n.operator === '||' || n.operator === '??') &&
      textOf(n.left as Node, param) &&
      textOf(n.right as Node, param) &&
      fromError(n.left as Node, param)
    );
  return false;
}

/**
 * The names a catch keeps the error's message under, declared by a statement of its own body: `const msg =
 * err instanceof Error ? err.message : 'Bootstrap failed'`, `const message = err.message`. A test of one
 * (`if (msg.includes('Invalid bootstrap secret'))`) tests the error as a test of `err.message` does.
 * @example
 * messageCopies(handler, 'err') // Set { 'msg' } for `catch (err) { const msg = err instanceof Error ? err.message : String(err); ... }`
 */
export function messageCopies(handler: Node, param: string): Set<string> {
  const names = new Set<string>();
  for (const statement of (handler.body as Node).body as Node[]) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const d of statement.declarations as Node[]) {
      const init = unwrap(d.init as Node | undefined);
      if (d.id?.type !== 'Identifier' || init === undefined) continue;
      const path = init.type === 'MemberExpression' ? memberPath(init) : undefined;
      const message = path?.length === 2 && path[0] === param && path[1] === 'message';
      if (message || describesError(init, param)) names.add(d.id.name as string);
    }
  }
  return names;
}
