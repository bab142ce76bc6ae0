// Whether a try block only reads from other systems (by the verb of each call: `getUser`, `db.query`,
// `HeadObjectCommand`): a failed read there loses no work of its own. Shared by the best-effort read
// exemptions of swallowed-error (fallbackValueRead.ts, gatheredReads.ts).
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode } from './catchFacts.js';

/** A read by its verb: `getUser`, `db.query`, `HeadObjectCommand`, `userinfo.get`, `fetchProfile`. */
const READ =
  /^(?:get|find|fetch|load|read|lookup|describe|head|query|retrieve|select|list|search|count|scan|Get|BatchGet|Head|Describe|Query|List|Scan|Search)(?![a-z])/;

const BODY = /^(transformToString|transformToByteArray|json|text|arrayBuffer|blob)$/;

/** The verb of an I/O call: the command's class for `client.send(new XCommand())`, the call for v2's `.promise()`. */
function verbOf(ctx: ModuleContext, call: Node): string {
  const name = calleeName(call) ?? '';
  if (name === 'send') {
    const command = ctx.valueOf((call.arguments as Node[])[0]);
    if (command?.type === 'NewExpression') return calleeName(command) ?? '';
  }
  if (name === 'promise') {
    const inner = unwrap(unwrap(call.callee)?.object);
    if (inner?.type === 'CallExpression') return calleeName(inner) ?? '';
  }
  return name;
}

/** Every call of the block that reaches another system reads (an awaited non-call, e.g. a stream, does not count). */
export function onlyReads(ctx: ModuleContext, block: Node): boolean {
  let reads = 0;
  const other = someDescendant(
    block,
    (n) => {
      if (!isIoNode(ctx, n)) return false;
      const call = n.type === 'AwaitExpression' ? unwrap(n.argument) : n;
      if (call?.type !== 'CallExpression') return true;
      const verb = verbOf(ctx, call);
      // Reading the body of an answer already read (`await out.Body.transformToString()`) is part of that read.
      if (BODY.test(verb)) return false;
      if (!READ.test(verb)) return true;
      reads++;
      return false;
    },
    true,
  );
  return !other && reads > 0;
}
