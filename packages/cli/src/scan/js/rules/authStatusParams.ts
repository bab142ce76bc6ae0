// A project's own answer helper that takes the status as an argument (`fail(stream, 401, 'Unauthorized')`,
// `endWith(res, 403, msg)`): the call answers 401/403 when the function of the module it calls puts that
// parameter where a response's status goes. Read from the helper's body, not its name: `count(401, 'x')`
// into a metric is no answer, whatever the helper is called.
import { calleeName, type Node, propertyName, rootIdentifier, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Calls that set a response's status from their first argument. */
const STATUS_SETTERS = /^(status|setStatus|sendStatus|writeHead)$/;

/** Response calls an answer object is handed to: `res.send({ status })`, `res.json(...)`, Lambda's `HttpResponseStream.from(stream, { statusCode })`. */
const RESPONSE_CALLS = /^(send|end|json|write|from)$/;
/** Wrappers an object passes through on its way out: parentheses, `as`, `JSON.stringify(...)`. */
const THROUGH = new Set([
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
]);

/** The names of `fn`'s plain parameters (the response, the callback it was handed). */
function paramNames(fn: Node): Set<string> {
  return new Set(
    (fn.params as Node[])
      .map((p) => unwrap(p))
      .flatMap((p) => (p?.type === 'Identifier' ? [p.name as string] : [])),
  );
}

/**
 * Does the value `node` leave `fn` as its answer: returned, handed to a response call or to a callback
 * parameter, or assigned onto a parameter (`res.body = ...`)? A `const` holding it is followed once.
 * A log record (`console.info(JSON.stringify({ status }))`) is none of these.
 */
function leavesAsAnswer(ctx: ModuleContext, fn: Node, node: Node, follow = true): boolean {
  const { node: at, parent } = ctx.climb(node, (p) => THROUGH.has(p.type));
  if (parent === undefined) return false;
  if (parent.type === 'ReturnStatement' || (parent.type === 'ArrowFunctionExpression' && parent.body === at))
    return true;
  if (parent.type === 'CallExpression' && (parent.arguments as Node[]).includes(at)) {
    if (calleeName(parent) === 'stringify') return leavesAsAnswer(ctx, fn, parent, follow);
    const callee = unwrap(parent.callee as Node);
    if (callee?.type === 'Identifier') return paramNames(fn).has(callee.name as string);
    return RESPONSE_CALLS.test(calleeName(parent) ?? '');
  }
  if (parent.type === 'AssignmentExpression' && parent.right === at) {
    const left = unwrap(parent.left as Node);
    return left?.type === 'MemberExpression' && paramNames(fn).has(rootIdentifier(left) ?? '');
  }
  if (follow && parent.type === 'VariableDeclarator' && parent.id?.type === 'Identifier') {
    const name = parent.id.name as string;
    let out = false;
    someDescendant(fn.body as Node, (n) => {
      if (n.type === 'Identifier' && n.name === name && n !== parent.id)
        out = leavesAsAnswer(ctx, fn, n, false);
      return out;
    });
    return out;
  }
  return false;
}

/** Does `fn`'s body put the identifier `param` where its answer's status goes? */
function usedAsStatus(ctx: ModuleContext, fn: Node, param: string): boolean {
  const isParam = (n: Node | undefined) => {
    const u = unwrap(n);
    return u?.type === 'Identifier' && u.name === param;
  };
  const owner = paramNames(fn);
  return someDescendant(fn.body as Node, (n) => {
    if (n.type === 'Property') {
      // `{ statusCode: status }` counts only as the answer itself, not as a field of a log or metric record.
      const key = propertyName(n.key as Node, n.computed === true);
      if ((key !== 'statusCode' && key !== 'status') || !isParam(n.value as Node)) return false;
      const object = ctx.parentOf(n);
      return object?.type === 'ObjectExpression' && leavesAsAnswer(ctx, fn, object);
    }
    if (n.type === 'AssignmentExpression') {
      // `res.statusCode = status` on a parameter (the response handed in), not on a record of its own.
      const left = unwrap(n.left as Node);
      const prop = left?.type === 'MemberExpression' ? propertyName(left.property, left.computed) : undefined;
      return (
        (prop === 'status' || prop === 'statusCode') &&
        isParam(n.right as Node) &&
        owner.has(rootIdentifier(left) ?? '')
      );
    }
    return (
      n.type === 'CallExpression' &&
      STATUS_SETTERS.test(calleeName(n) ?? '') &&
      isParam((n.arguments as Node[])[0])
    );
  });
}

/**
 * Is `call` a call of a function of the module that answers with the status `isStatus` finds among its
 * arguments? Only a plain parameter is followed (a destructured or defaulted one is left alone).
 * @example
 * statusHelperAnswers(ctx, call, isAuthStatus) // true for `endWith(stream, 401, 'Unauthorized')`
 */
export function statusHelperAnswers(
  ctx: ModuleContext,
  call: Node,
  isStatus: (node: Node | undefined, ctx: ModuleContext) => boolean,
): boolean {
  const args = call.arguments as Node[];
  const at = args.findIndex((a) => isStatus(a, ctx));
  if (at < 0 || unwrap(call.callee as Node)?.type !== 'Identifier') return false;
  const fn = ctx.functionOf(call.callee as Node);
  const param = unwrap((fn?.params as Node[] | undefined)?.[at]);
  if (fn === undefined || param?.type !== 'Identifier') return false;
  return usedAsStatus(ctx, fn, param.name as string);
}
