// A failure handed on beside a catch: the statement after a bookkeeping try pushes the failed record onto
// the batch item failures (or a list that reaches the answer or a throw) or passes the error to a callback,
// so the inner catch's log-only answer is not the failure's last word.
import { failsHere } from '../answerTest.js';
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A function that hands a failure on: a Lambda callback, a promise's reject, Express's next. */
const FAILURE_CALLBACK = /^(?:callback|cb|done|reject|next)$/;

/**
 * A statement of the block the try sits in hands the caught failure on: a push onto the handler's
 * `batchItemFailures` (failsHere), a push onto a list that later reaches the answer or a throw (`return {
 * batchItemFailures: failures }`, `if (failures.length) throw ...`), or `callback(error)`-style hand-on of
 * the caught error `caught`. A list that only reaches a log line (`logger.info('done', { errors })`) hands
 * nothing on, whatever its name.
 */
export function handsOnFailure(ctx: ModuleContext, tryStatement: Node, caught: string): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  const block = ctx.parentOf(tryStatement);
  const statements = block?.type === 'BlockStatement' ? (block.body as Node[]) : [];
  return statements.some((s) => {
    const call = s.type === 'ExpressionStatement' ? unwrap(s.expression as Node) : undefined;
    if (call?.type !== 'CallExpression') return false;
    if (calleeName(call) !== 'push')
      return (
        FAILURE_CALLBACK.test(calleeName(call) ?? '') &&
        (call.arguments as Node[]).some((a) => unwrap(a)?.name === caught)
      );
    if (failsHere(s)) return true;
    const list = unwrap(unwrap(call.callee as Node)?.object as Node);
    return list?.type === 'Identifier' && fn !== undefined && reachesFailure(fn, list.name as string, s.end);
  });
}

/** After offset `from` in `fn`, the list `name` is answered as the batch item failures or an `if` on it fails. */
function reachesFailure(fn: Node, name: string, from: number): boolean {
  const isList = (n: Node | undefined) => unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === name;
  return someDescendant(
    fn.body as Node,
    (n) =>
      n.start > from &&
      ((n.type === 'Property' && n.key?.name === 'batchItemFailures' && isList(n.value as Node)) ||
        (n.type === 'IfStatement' &&
          (isList(n.test as Node) || someDescendant(n.test as Node, isList)) &&
          failsHere(n.consequent as Node))),
    true,
  );
}
