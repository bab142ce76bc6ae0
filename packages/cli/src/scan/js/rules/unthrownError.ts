// swallowed-error: `new SomeError(...)` written as a statement in a catch or an error branch, neither thrown,
// returned nor handed on. The object is built and dropped (a project error class may log from its
// constructor, which is all the statement then does): the caller is not told and the function goes on as if
// the catch had only logged. The catch is judged by the rest of its body, as if the statement were a log
// line; a `throw new X(...)`, `return new X(...)` or `reject(new X(...))` does hand the failure on and is
// not this. A built-in class (`new Error(String(e))`) logs nothing, so that statement is no log line: the
// catch is judged as if it were not there (an empty catch when nothing else is in it). A `.catch((e) =>
// new Error(...))` arrow resolves its promise with the object: builtErrorAnswer.ts judges whether that
// value is read.
import { type Node, unwrap } from '../ast.js';
import { BUILT_IN_ERRORS } from './errorText.js';

/** A class name that says it is an error: `Error`, `VisibleError`, `HttpException`, `AppFault`. */
const ERROR_CLASS = /(Error|Exception|Fault)$/;

/**
 * What a dropped `new SomeError(...);` statement does: `'log'` for a project class (its constructor may
 * log), `'nothing'` for a built-in one, `undefined` when the statement is not one.
 *
 * @example
 * droppedError(parse("new VisibleError('Failed to notify', { cause: err });")) // -> 'log'
 * droppedError(parse('new Error(String(e));')) // -> 'nothing'
 * droppedError(parse('new Notifier(config);')) // -> undefined (not an error class)
 */
export function droppedError(node: Node | null | undefined): 'log' | 'nothing' | undefined {
  if (node?.type !== 'ExpressionStatement') return undefined;
  let made = unwrap(node.expression as Node);
  // `void new AppError(...)` says "dropped" out loud; the object is dropped all the same.
  if (made?.type === 'UnaryExpression' && made.operator === 'void') made = unwrap(made.argument as Node);
  return builtError(made);
}

/**
 * What `new SomeError(...)` builds, as an expression: `'log'` for a project class (its constructor may
 * log), `'nothing'` for a built-in one, `undefined` when the node is not one.
 *
 * @example
 * builtError(parse("new AppError('Failed', { cause: err })")) // -> 'log'
 * builtError(parse('new Error(`failed: ${err}`)')) // -> 'nothing'
 */
export function builtError(node: Node | null | undefined): 'log' | 'nothing' | undefined {
  const made = unwrap(node);
  if (made?.type !== 'NewExpression') return undefined;
  const callee = unwrap(made.callee as Node);
  const name =
    callee?.type === 'Identifier'
      ? callee.name
      : callee?.type === 'MemberExpression'
        ? unwrap(callee.property as Node)?.name
        : undefined;
  if (typeof name !== 'string' || !ERROR_CLASS.test(name)) return undefined;
  // Only the bare global name is the built-in: `errors.Error` is some module's class.
  return callee?.type === 'Identifier' && BUILT_IN_ERRORS.has(name) ? 'nothing' : 'log';
}

/**
 * `new SomeError(...);` as a statement of its own, of a project class or a built-in one: either way it
 * hands nothing on.
 *
 * @example
 * unthrownError(parse("new VisibleError('Failed to notify', { cause: err });")) // -> true
 * unthrownError(parse("new Notifier(config);")) // -> false (not an error class)
 */
export function unthrownError(node: Node | null | undefined): boolean {
  return droppedError(node) !== undefined;
}
