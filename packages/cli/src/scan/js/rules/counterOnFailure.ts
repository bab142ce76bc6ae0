// A retry loop bounded by a counter that only its catch advances: `while (n <= max) { try { const pdf =
// await get(); if (pdf) return pdf; } catch { await sleep(d); n++ } }`. When the attempt answers without
// throwing and without success (an empty body, a falsy result), nothing counts the round and nothing
// waits: the loop goes round at once, for as long as the function runs.
import { type Node, someDescendant, unwrap } from '../ast.js';

const BOUND = new Set(['<', '<=', '>', '>=']);

/** The counter a loop test compares with a limit (`n <= max`, `max > n`), if it is a local. */
function counterOf(loop: Node): string | undefined {
  const test = unwrap(loop.test as Node);
  if (test?.type !== 'BinaryExpression' || !BOUND.has(test.operator as string)) return undefined;
  const left = unwrap(test.left as Node);
  const right = unwrap(test.right as Node);
  if (left?.type === 'Identifier') return left.name as string;
  if (right?.type === 'Identifier') return right.name as string;
  return undefined;
}

/** Does every path through the statement end the round (return, throw, break, continue)? */
function ends(s: Node | null | undefined): boolean {
  if (s == null) return false;
  switch (s.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement':
      return (s.body as Node[]).some((b) => ends(b));
    case 'IfStatement':
      return ends(s.consequent as Node) && ends(s.alternate as Node);
    default:
      return false;
  }
}

/** Does `n` change the counter (`n++`, `n += 1`, `n = n + 1`)? */
function moves(n: Node, counter: string): boolean {
  const target =
    n.type === 'UpdateExpression'
      ? unwrap(n.argument as Node)
      : n.type === 'AssignmentExpression'
        ? unwrap(n.left as Node)
        : undefined;
  return target?.type === 'Identifier' && target.name === counter;
}

/**
 * Why the loop's bound does not hold, if only its catch advances the counter while its try block has a
 * path that neither succeeds (returns) nor throws.
 */
export function counterOnFailure(loop: Node): string | undefined {
  if (loop.type !== 'WhileStatement' && loop.type !== 'DoWhileStatement') return undefined;
  const counter = counterOf(loop);
  if (counter === undefined) return undefined;
  const tries = (loop.body?.type === 'BlockStatement' ? (loop.body.body as Node[]) : []).filter(
    (s) => s.type === 'TryStatement' && s.handler != null,
  );
  if (tries.length !== 1) return undefined;
  const attempt = tries[0] as Node;
  if (ends(attempt.block as Node)) return undefined;
  const inCatch = someDescendant(attempt.handler as Node, (n) => moves(n, counter), true);
  if (!inCatch) return undefined;
  // Any other place that moves it (the try block, after the try) counts every round.
  const elsewhere = someDescendant(
    loop.body as Node,
    (n) =>
      moves(n, counter) &&
      !(n.start >= (attempt.handler as Node).start && n.end <= (attempt.handler as Node).end),
    true,
  );
  if (elsewhere) return undefined;
  return 'retry loop counts only the attempts that throw: an answer that is neither success nor error goes round at once, uncounted, until the function times out';
}
