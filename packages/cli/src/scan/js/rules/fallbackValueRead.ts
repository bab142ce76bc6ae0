// An optional read with a fallback value: `let totalCount = items.length; try { totalCount = (await
// db.query({ Select: 'COUNT' })).Count } catch (e) { log(e) }`. The function chose, before the try, the
// value it goes on with when the read fails, and the try only reads: nothing is written or sent there, so
// its failure loses no work, it only leaves an extra (a count, a display name, a timestamp) at the chosen
// value. That holds only while the value goes nowhere but a log line (valueGoesNowhere.ts): once the code
// tests it, switches on it, returns it to a caller, adds to it and writes the sum, or sends it anywhere,
// the fallback stands in for what was there, and a failed read drives a decision or a write.
// One exception, in extraAnswerField.ts: a flag or count placed as one field among several of the answer.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onlyAnswerExtra, setsScalar } from './extraAnswerField.js';
import { onlyReads } from './readOnlyTry.js';
import { assignedNames } from './tryAssigned.js';
import { goesNowhere } from './valueGoesNowhere.js';

const LOOP = /^(For|ForIn|ForOf|While|DoWhile)Statement$/;

/**
 * The declaration of `name` in the function, before `at`, gives it a value that is not `null` or
 * `undefined`: the value the function goes on with is its own choice. A bare `let photos;` left undefined is
 * a stand-in for the read, not a fallback (a job that then writes `photos ?? []` overwrites good data).
 */
export function presetBefore(fn: Node, name: string, at: number): boolean {
  return someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'VariableDeclarator' || n.end > at || unwrap(n.id)?.name !== name) return false;
      const init = unwrap(n.init);
      return (
        init != null &&
        !(init.type === 'Identifier' && init.name === 'undefined') &&
        !(init.type === 'Literal' && init.value === null)
      );
    },
    true,
  );
}

/**
 * The try only reads, returns nothing, and sets only variables its function gave a fallback value before it,
 * whose every use after it (in a loop around it, from the loop's start: `while (more) { try { more = ... } }`)
 * only ends in a log line.
 */
export function fallbackValueRead(ctx: ModuleContext, tryStatement: Node): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  const block = tryStatement.block as Node;
  if (fn === undefined || someDescendant(block, (n) => n.type === 'ReturnStatement', true)) return false;
  const names = [...new Set(assignedNames(block))];
  if (names.length === 0 || !onlyReads(ctx, block)) return false;
  const from = outermostLoop(ctx, fn, tryStatement)?.start ?? tryStatement.end;
  return names.every(
    (name) =>
      presetBefore(fn, name, tryStatement.start) &&
      (goesNowhere(ctx, fn.body as Node, name, from, block) ||
        // A flag or count that is one field of the answer (extraAnswerField.ts), outside any loop.
        (from === tryStatement.end &&
          setsScalar(block, name) &&
          onlyAnswerExtra(ctx, fn.body as Node, name, from, block))),
  );
}

/** The outermost loop of the function around the try: its next rounds run after the failure too. */
function outermostLoop(ctx: ModuleContext, fn: Node, tryStatement: Node): Node | undefined {
  let loop: Node | undefined;
  for (let p = ctx.parentOf(tryStatement); p !== undefined && p !== fn; p = ctx.parentOf(p))
    if (LOOP.test(p.type)) loop = p;
  return loop;
}
