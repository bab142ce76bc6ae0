// Whether a value handed back (returned, awaited, gathered) can still be pending. Asked by floating-promise
// (settledAsync.ts: has an async body finished when its call returns?) and by batch-no-partial-failure
// (recordCatchParks.ts: does a record's callback answer only parked promises or plain values?).
import { forEachDescendant, memberPath, type Node, unwrap } from './ast.js';

/**
 * A value that cannot be a pending promise: nothing, `undefined`, a literal, an object, array or template
 * built without a call, `new` or `await`, or `Promise.resolve(...)` of such a value. A name or a member read
 * (`item`, `this.pending`) may hold a promise made elsewhere, so it is not settled, also as a branch the
 * value may take (`skip ? undefined : item`, `item || null`, `(log(), item)`).
 *
 * @example
 * settledValue(node) // `{ ok: true }`, `Promise.resolve()`, `undefined` -> true; `item`, `save(r)` -> false
 */
export function settledValue(value: Node | undefined): boolean {
  const v = unwrap(value);
  if (v === undefined) return true;
  if (v.type === 'Identifier') return v.name === 'undefined';
  if (v.type === 'MemberExpression' || v.type === 'ChainExpression') return false;
  // A branch is handed back as it is: a name there may hold a promise as much as one at the top.
  if (v.type === 'ConditionalExpression')
    return noWork(v.test as Node) && settledValue(v.consequent as Node) && settledValue(v.alternate as Node);
  if (v.type === 'LogicalExpression') return settledValue(v.left as Node) && settledValue(v.right as Node);
  if (v.type === 'SequenceExpression') {
    const all = v.expressions as Node[];
    return settledValue(all.at(-1)) && all.slice(0, -1).every((e) => noWork(e));
  }
  if (v.type === 'CallExpression' && memberPath(v.callee as Node)?.join('.') === 'Promise.resolve')
    return (v.arguments as Node[]).every((a) => settledValue(a));
  return noWork(v);
}

/** `v` makes no call, `new` or `await` anywhere in it. */
function noWork(v: Node): boolean {
  let works = false;
  forEachDescendant({ type: 'Wrap', v } as unknown as Node, (n) => {
    if (n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'AwaitExpression')
      works = true;
    return !works;
  });
  return !works;
}
