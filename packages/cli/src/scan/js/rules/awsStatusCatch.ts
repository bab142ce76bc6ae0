// swallowed-error: a catch around an AWS SDK call that answers every HTTP 400 as a normal result. AWS's
// JSON protocols answer throttling (ThrottlingException, ProvisionedThroughputExceededException), access
// and validation errors with 400 alike, so `if (error.statusCode === 400) return right('NOT_FOUND')`
// turns a throttle or a missing permission into "no such parameter". The error's name or code
// (`ParameterNotFound`, `ResourceNotFoundException`) is the test that answers only the absence.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkSend } from '../sdkSend.js';

const STATUS = /^(statusCode|httpStatusCode|status)$/;

/** `error.statusCode == 400`, `err.$metadata?.httpStatusCode === 400` (either side). */
function tests400(test: Node | undefined, param: string): boolean {
  const t = unwrap(test);
  if (t?.type !== 'BinaryExpression' || !/^(==|===)$/.test(t.operator as string)) return false;
  const [a, b] = [unwrap(t.left), unwrap(t.right)];
  const side = (status: Node | undefined, literal: Node | undefined) => {
    const path = memberPath(status);
    return (
      literal?.type === 'Literal' &&
      literal.value === 400 &&
      path !== undefined &&
      path[0] === param &&
      STATUS.test(path.at(-1) ?? '')
    );
  };
  return side(a, b) || side(b, a);
}

function failureValue(value: Node | undefined): boolean {
  if (value?.type === 'NewExpression') return /(Error|Exception)$/.test(unwrap(value.callee)?.name ?? '');
  return value?.type === 'CallExpression' && /^(left|err|Err|fail|failure)$/.test(calleeName(value) ?? '');
}

/** An AWS call in the try: a v3 `client.send(new XCommand())` or a v2 `client.method(params).promise()`. */
function callsAws(ctx: ModuleContext, block: Node): boolean {
  return someDescendant(
    block,
    (n) =>
      n.type === 'CallExpression' &&
      (isSdkSend(ctx, n) || (calleeName(n) === 'promise' && (n.arguments as Node[]).length === 0)),
    true,
  );
}

/**
 * The `if` of a catch around an AWS call that answers any 400 with a normal return (no throw in it).
 *
 * @example
 * any400AsAnswer(ctx, handler) // catch (e) { if (e.statusCode == 400) return right('NOT_FOUND'); ... } -> the if
 */
export function any400AsAnswer(ctx: ModuleContext, handler: Node): Node | undefined {
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  const tryStatement = ctx.parentOf(handler);
  if (param === undefined || tryStatement === undefined || !callsAws(ctx, tryStatement.block as Node))
    return undefined;
  let found: Node | undefined;
  someDescendant(
    handler.body as Node,
    (n) => {
      if (n.type !== 'IfStatement' || !tests400(n.test as Node, param)) return false;
      const branch = n.consequent as Node;
      // `return left(error)`, `return new NotFoundError(...)`: still a failure, whatever it is called.
      const returns = someDescendant(
        branch,
        (s) => s.type === 'ReturnStatement' && !failureValue(unwrap(s.argument)),
        true,
      );
      if (returns && !someDescendant(branch, (s) => s.type === 'ThrowStatement', true)) found = n;
      return found !== undefined;
    },
    true,
  );
  return found;
}
