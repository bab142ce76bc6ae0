// The part of a try block whose failures reach its own catch. An auth check often wraps its one remote step
// in an inner try that answers for it (`try { payload = await decrypt(answer) } catch { answerCorrect =
// false; return event }`) and the whole handler in an outer try: the inner catch is the one that turns an
// outage into "no"; the outer one only ever sees what comes after, local work. Judging the outer try by the
// remote call inside the inner one would report the same outage twice, once at a catch it never reaches.
import { type Node, someDescendant } from '../ast.js';

/** A statement that is a try whose catch answers for its block without throwing anything on. */
function shields(statement: Node): boolean {
  if (statement.type !== 'TryStatement' || statement.handler == null) return false;
  const handler = statement.handler as Node;
  return !someDescendant(handler.body as Node, (n) => n.type === 'ThrowStatement', true);
}

/**
 * `block` without the blocks of the tries directly in it whose catch throws nothing (their catch bodies and
 * finally blocks stay: a failure there does reach the outer catch), or `block` itself when it has none.
 * Only direct statements are looked at: a try nested in an `if` keeps counting, as before.
 */
export function reachingBlock(block: Node): Node {
  const statements = block.body as Node[];
  if (!Array.isArray(statements) || !statements.some(shields)) return block;
  const kept = statements.flatMap((s) => {
    if (!shields(s)) return [s];
    const handler = s.handler as Node;
    return s.finalizer == null ? [handler.body as Node] : [handler.body as Node, s.finalizer as Node];
  });
  return { type: 'BlockStatement', start: block.start, end: block.end, body: kept } as Node;
}
