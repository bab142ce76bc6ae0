// A job that selects its own work each run (catchExemptions.ts selectsOwnWork) is excused for a batch
// answer it never reads: the entries that failed are still where the run found them, and the next run
// sends them again. Not when, after the unread answer, the run writes the item's status as done
// (`await updateJobStatus(job.id, { status: 'complete' })`): the next run selects by status, no longer
// finds the item, and the entries that failed (keys DeleteObjects did not delete) are never sent again.
// The write must be an update or put (by its name, or an UpdateCommand/PutCommand it sends) of the record
// the job selected (an argument reads the function's parameter or the for-of item, by binding), with the
// state written in lower case: a log or audit call given `{ status: 'success' }`, or CloudFormation's
// `Status: 'SUCCESS'`, is not the item marked done.
// recordsSuccessAfter (catchAfter.ts) answers the same question for a flag the run tests later.
import { calleeName, isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The field a job's state is kept in. */
const STATE_KEY = /^(status|state)$/;
/** A terminal state that says the work was done: a status query for pending work no longer selects it. */
const DONE = /^(complete|completed|done|finished|processed|succeeded|success)$/;
/** A call that writes a record: `updateJobStatus`, `db.put`, `setJob`, `send(new UpdateCommand(...))`. */
const WRITE = /^(update|put|set|save|mark|patch)|^(Update|Put)(Item)?Command$/;

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
      const sentNew = args.map(unwrap).find((a) => a?.type === 'NewExpression');
      const writes = WRITE.test(calleeName(call) ?? '') || WRITE.test(lastNameOf(sentNew?.callee as Node));
      const done = (a: Node) => !isFunction(a) && (marksDone(a) || someDescendant(a, marksDone, true));
      const fields = sentNew === undefined ? args : (sentNew.arguments as Node[]);
      if (writes && fields.some(done) && fields.some((a) => readsSelected(ctx, a))) return true;
    }
  }
  return false;
}

function lastNameOf(node: Node | undefined): string {
  const n = unwrap(node);
  return n?.type === 'Identifier' ? (n.name as string) : '';
}

/** `node` reads (by binding) a parameter of its function or a for-of item: the record the job selected. */
function readsSelected(ctx: ModuleContext, node: Node): boolean {
  const fn = ctx.enclosingFunction(node);
  const selected = (d: Node): boolean => {
    if (d.type !== 'Identifier') return false;
    const parent = ctx.parentOf(d);
    if (parent?.type === 'MemberExpression' && parent.property === d && !parent.computed) return false;
    if (parent?.type === 'Property' && parent.key === d && !parent.shorthand) return false;
    const b = ctx.resolve(d.name as string, d);
    if (b === undefined) return false;
    if (b.kind === 'param')
      return (
        fn !== undefined && b.declaration.start >= fn.start && b.declaration.end <= (fn.body as Node).start
      );
    const decl = ctx.parentOf(b.declaration);
    return decl !== undefined && ctx.parentOf(decl)?.type === 'ForOfStatement';
  };
  return selected(node) || someDescendant(node, selected, true);
}
