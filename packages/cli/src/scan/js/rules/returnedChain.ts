// A promise chain a Lambda handler returns (`return s3.send(cmd).then(log).catch(logOnly)`, also with a
// `.finally(...)` after the catch) is the invocation's answer, as an awaited one is the awaiting code's: a
// `.catch` there that only logs resolves it, so the invocation succeeds and nothing retries the work.
import { calleeName, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const THROUGH = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression']);

/**
 * The chain ending at `call` (a `.catch(...)`, perhaps followed by `.finally(...)`) is what an entry or
 * record handler returns, or its arrow's expression body. A helper's returned chain is its caller's to
 * read, and is judged there.
 *
 * @example
 * // exports.handler = async (event) => { return transcribe.start(cfg).promise().catch((e) => log(e)) }
 * returnedByHandler(ctx, catchCall) // -> true
 */
export function returnedByHandler(ctx: ModuleContext, call: Node): boolean {
  let at = call;
  let parent = ctx.parentOf(at);
  for (;;) {
    while (parent !== undefined && THROUGH.has(parent.type)) {
      at = parent;
      parent = ctx.parentOf(at);
    }
    // `.catch(log).finally(done)`: the finally's promise settles as the catch's does.
    const outer = parent?.type === 'MemberExpression' ? ctx.parentOf(parent) : undefined;
    if (
      parent?.type !== 'MemberExpression' ||
      parent.object !== at ||
      outer?.type !== 'CallExpression' ||
      outer.callee !== parent ||
      calleeName(outer) !== 'finally'
    )
      break;
    at = outer;
    parent = ctx.parentOf(at);
  }
  const fn = ctx.enclosingFunction(call);
  if (fn === undefined) return false;
  const kind = ctx.handlers.get(fn);
  if (kind !== 'entry' && kind !== 'record') return false;
  if (parent?.type === 'ReturnStatement') return ctx.enclosingFunction(parent) === fn;
  // `at` is the body as written, casts included (`=> s.send(c).catch(log) as Promise<unknown>`).
  return parent === fn && fn.body === at;
}
