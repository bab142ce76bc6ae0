// An optional read with a fallback value: `let totalCount = items.length; try { totalCount = (await
// db.query({ Select: 'COUNT' })).Count } catch (e) { log(e) }`. The function chose, before the try, the
// value it goes on with when the read fails, and the try only reads: nothing is written or sent there, so
// its failure loses no work, it only leaves an extra (a count, a display name, a timestamp) at the chosen
// value. Not so when the code after the try decides on that value (`if (!existing) await create(...)`):
// there the fallback stands for "not there", and a failed read drives a write.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { onlyReads } from './readOnlyTry.js';
import { testedAfter } from './testedAfter.js';
import { assignedNames } from './tryAssigned.js';

/**
 * The declaration of `name` in the function, before `at`, gives it a value that is not `null` or
 * `undefined`: the value the function goes on with is its own choice. A bare `let photos;` left undefined is
 * a stand-in for the read, not a fallback (a job that then writes `photos ?? []` overwrites good data).
 */
function presetBefore(fn: Node, name: string, at: number): boolean {
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
 * none of which the code after it tests.
 */
export function fallbackValueRead(ctx: ModuleContext, tryStatement: Node): boolean {
  const fn = ctx.enclosingFunction(tryStatement);
  const block = tryStatement.block as Node;
  if (fn === undefined || someDescendant(block, (n) => n.type === 'ReturnStatement', true)) return false;
  const names = [...new Set(assignedNames(block))];
  if (names.length === 0 || !onlyReads(ctx, block)) return false;
  return names.every(
    (name) =>
      presetBefore(fn, name, tryStatement.start) &&
      !testedAfter(ctx, fn.body as Node, name, tryStatement.end),
  );
}
