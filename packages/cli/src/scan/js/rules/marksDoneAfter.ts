// A job that selects its own work each run (catchExemptions.ts selectsOwnWork) is excused for a batch
// answer it never reads: the entries that failed are still where the run found them, and the next run
// sends them again. Not when, after the unread answer, the run writes the item's status as done
// (`await updateJobStatus(job.id, { status: 'complete' })`): the next run selects by status, no longer
// finds the item, and the entries that failed (keys DeleteObjects did not delete) are never sent again.
// recordsSuccessAfter (catchAfter.ts) answers the same question for a flag the run tests later.
import { isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The field a job's state is kept in. */
const STATE_KEY = /^(status|state|jobStatus|jobState)$/i;
/** A terminal state that says the work was done: a status query for pending work no longer selects it. */
const DONE = /^(complete|completed|done|finished|processed|succeeded|success|successful)$/i;

/** An object literal that sets the state field to a done word (`{ status: 'complete', resultKeys }`). */
function marksDone(node: Node): boolean {
  if (node.type !== 'ObjectExpression') return false;
  return (node.properties as Node[]).some((p) => {
    if (p.type !== 'Property' || !STATE_KEY.test(propertyName(p.key as Node, p.computed as boolean) ?? ''))
      return false;
    const value = unwrap(p.value as Node);
    return value?.type === 'Literal' && typeof value.value === 'string' && DONE.test(value.value);
  });
}

/**
 * After `node`, in its block or a block around it up to its function, a statement awaits a call handed
 * an object that marks the state done: the run records that the item needs no further run.
 */
export function marksDoneAfter(ctx: ModuleContext, node: Node): boolean {
  for (
    let n: Node = node, p = ctx.parentOf(n);
    p !== undefined && !isFunction(p);
    n = p, p = ctx.parentOf(p)
  ) {
    if (p.type !== 'BlockStatement') continue;
    const statements = p.body as Node[];
    for (const s of statements.slice(statements.indexOf(n) + 1)) {
      const awaited = s.type === 'ExpressionStatement' ? unwrap(s.expression) : undefined;
      const call = awaited?.type === 'AwaitExpression' ? unwrap(awaited.argument as Node) : undefined;
      if (call?.type !== 'CallExpression') continue;
      const args = call.arguments as Node[];
      if (args.some((a) => !isFunction(a) && (marksDone(a) || someDescendant(a, marksDone, true))))
        return true;
    }
  }
  return false;
}
