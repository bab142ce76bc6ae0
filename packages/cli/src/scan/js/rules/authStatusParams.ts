// A project's own answer helper that takes the status as an argument (`fail(stream, 401, 'Unauthorized')`,
// `endWith(res, 403, msg)`): the call answers 401/403 when the function of the module it calls puts that
// parameter where a response's status goes. Read from the helper's body, not its name: `count(401, 'x')`
// into a metric is no answer, whatever the helper is called.
import { calleeName, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Calls that set a response's status from their first argument. */
const STATUS_SETTERS = /^(status|setStatus|sendStatus|writeHead)$/;

/** Does `fn`'s body put the identifier `param` where a status goes? */
function usedAsStatus(fn: Node, param: string): boolean {
  const isParam = (n: Node | undefined) => {
    const u = unwrap(n);
    return u?.type === 'Identifier' && u.name === param;
  };
  return someDescendant(fn.body as Node, (n) => {
    if (n.type === 'Property') {
      const key = propertyName(n.key as Node, n.computed === true);
      return (key === 'statusCode' || key === 'status') && isParam(n.value as Node);
    }
    if (n.type === 'AssignmentExpression') {
      const left = unwrap(n.left as Node);
      const prop = left?.type === 'MemberExpression' ? propertyName(left.property, left.computed) : undefined;
      return (prop === 'status' || prop === 'statusCode') && isParam(n.right as Node);
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
  return usedAsStatus(fn, param.name as string);
}
