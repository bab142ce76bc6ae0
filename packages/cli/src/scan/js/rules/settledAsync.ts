// floating-promise: an async function of the module whose body only logs (`const authUpdated = async (e) =>
// { console.log(e) }`). Its promise is already fulfilled when the call returns: dropping it loses no work
// and hides no failure, so a bare call of it is not a floating promise.
import { forEachDescendant, memberPath, type Node, unwrap } from '../ast.js';

/** `console.log(...)` (any console method) with arguments that start nothing themselves. */
function onlyLogs(expr: Node | undefined): boolean {
  const e = unwrap(expr);
  if (e?.type !== 'CallExpression' || memberPath(e.callee)?.[0] !== 'console') return false;
  let works = false;
  for (const arg of e.arguments as Node[])
    forEachDescendant({ type: 'Wrap', arg } as unknown as Node, (n) => {
      if (n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'AwaitExpression')
        works = true;
      return !works;
    });
  return !works;
}

/**
 * The function is async and its body does nothing but log to the console: its promise settles, fulfilled,
 * before the call returns.
 *
 * @example
 * settledOnReturn(fn) // const authUpdated = async (event) => { console.log('updated', event) } -> true
 */
export function settledOnReturn(fn: Node): boolean {
  if (fn.async !== true || fn.generator === true) return false;
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return onlyLogs(body);
  const statements = body.body as Node[];
  return (
    statements.length > 0 &&
    statements.every((s) => s.type === 'ExpressionStatement' && onlyLogs(s.expression as Node))
  );
}
