// Whether code decides on a variable after a point: the best-effort read exemptions of swallowed-error
// (fallbackValueRead.ts, gatheredReads.ts) hold only when nothing branches on what the failed read left.
import { isFunction, type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * After `after`, within `scope` (a function's body, the block a variable is declared in), `name` appears in a test (`if`, `?:`, `&&`/`||`, a loop's condition),
 * `.length` and other reads of it included: the code decides on the value, so a stand-in left by a failed
 * read would drive that decision.
 */
export function testedAfter(ctx: ModuleContext, scope: Node, name: string, after: number): boolean {
  return someDescendant(scope, (n) => {
    if (n.start < after || n.type !== 'Identifier' || n.name !== name) return false;
    for (let c: Node = n, p = ctx.parentOf(c); p !== undefined && p !== scope; c = p, p = ctx.parentOf(p)) {
      if (isFunction(p)) return false;
      if (
        (p.type === 'IfStatement' ||
          p.type === 'ConditionalExpression' ||
          /^(While|DoWhile|For)Statement$/.test(p.type)) &&
        p.test === c
      )
        return true;
      if (p.type === 'LogicalExpression' && p.left === c) return true;
      if (/Statement$|Declaration$/.test(p.type)) return false;
    }
    return false;
  });
}
