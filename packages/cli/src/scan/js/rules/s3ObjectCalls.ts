// S3 object calls by operation, in both SDK shapes (`s3.headObject(...)` in v2, `new HeadObjectCommand(...)`
// in v3). S3 answers a missing object to HeadObject and GetObject with an error (NotFound, NoSuchKey), not
// with an empty result: a catch around such a call is where "not there" is decided, so whether it is a probe
// or a catch-all that takes every failure for "not there" depends on which of them the block calls.
import { calleeName, forEachDescendant, type Node, unwrap, wrap } from '../ast.js';

/** The object operations a test can ask for: `Head` (HeadObject), `Get` (GetObject). */
export type ObjectOperation = 'Head' | 'Get';

/**
 * The block calls one of the given S3 object operations, in the v2 method or the v3 command shape.
 * @example
 * callsS3Object(tryBlock, ['Head']) // true for `await s3.headObject({ Bucket, Key }).promise()`
 */
export function callsS3Object(block: Node, operations: readonly ObjectOperation[]): boolean {
  const methods = new Set(operations.map((op) => `${op.toLowerCase()}Object`));
  const commands = new Set(operations.map((op) => `${op}ObjectCommand`));
  let calls = false;
  forEachDescendant(wrap(block), (n) => {
    if (calls) return;
    if (n.type === 'CallExpression' && methods.has(calleeName(n) ?? '')) calls = true;
    else if (n.type === 'NewExpression' && commands.has(unwrap(n.callee as Node)?.name ?? '')) calls = true;
  });
  return calls;
}
