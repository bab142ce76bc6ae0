// swallowed-error: `new SomeError(...)` written as a statement in a catch, neither thrown, returned nor
// handed on. The object is built and dropped (a project error class may log from its constructor, which is
// all the statement then does): the caller is not told and the function goes on as if the catch had only
// logged. The catch is judged by the rest of its body, as if the statement were a log line; a `throw new
// X(...)`, `return new X(...)` or `reject(new X(...))` does hand the failure on and is not this.
import { type Node, unwrap } from '../ast.js';

/** A class name that says it is an error: `Error`, `VisibleError`, `HttpException`, `AppFault`. */
const ERROR_CLASS = /(Error|Exception|Fault)$/;

/**
 * `new SomeError(...);` as a statement of its own.
 *
 * @example
 * unthrownError(parse("new VisibleError('Failed to notify', { cause: err });")) // -> true
 * unthrownError(parse("new Notifier(config);")) // -> false (not an error class)
 */
export function unthrownError(node: Node | null | undefined): boolean {
  if (node?.type !== 'ExpressionStatement') return false;
  const made = unwrap(node.expression as Node);
  if (made?.type !== 'NewExpression') return false;
  const callee = unwrap(made.callee as Node);
  const name =
    callee?.type === 'Identifier'
      ? callee.name
      : callee?.type === 'MemberExpression'
        ? unwrap(callee.property as Node)?.name
        : undefined;
  return typeof name === 'string' && ERROR_CLASS.test(name);
}
