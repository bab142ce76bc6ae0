// swallowed-error: `Promise.reject(error)` written as a statement in a catch, neither returned, awaited nor
// thrown. It builds a rejected promise that nobody holds and the function goes on as if the catch had only
// logged: the caller is not told, the next step runs with what the try did not produce. The catch is judged
// by the rest of its body, as if the statement were not there (a `return Promise.reject(e)` or an
// `await Promise.reject(e)` does fail the function and is not this).
import { memberPath, type Node, unwrap } from '../ast.js';

/**
 * `Promise.reject(...);` as a statement of its own.
 *
 * @example
 * unreturnedReject(parse("Promise.reject({ code: 500 });")) // -> true
 */
export function unreturnedReject(node: Node | null | undefined): boolean {
  if (node?.type !== 'ExpressionStatement') return false;
  const call = unwrap(node.expression as Node);
  return call?.type === 'CallExpression' && memberPath(call.callee as Node)?.join('.') === 'Promise.reject';
}
