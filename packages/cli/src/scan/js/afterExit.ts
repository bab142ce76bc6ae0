// Code no run reaches: statements after an unconditional `return` or `throw` in the same block. A helper
// switched off by a `return` on its first line (`function sendSlackMessage() { return; const web = ... }`,
// left in while the integration is paused) still holds its client and its requests, but none of them runs:
// a missing timeout there harms nothing, and a call of the helper does nothing (fixedOff.ts reads both).
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Does the statement always leave its block (`return`, `throw`, or a block ending in one)? */
export function leaves(statement: Node | undefined): boolean {
  if (statement?.type === 'ReturnStatement' || statement?.type === 'ThrowStatement') return true;
  if (statement?.type !== 'BlockStatement') return false;
  const body = statement.body as Node[];
  return leaves(body[body.length - 1]);
}

/**
 * The statements of a block that run: those up to and including the first that always leaves it.
 *
 * @example
 * reachedStatements([ret, decl, call]) // [ret]: `return; const web = new WebClient(); web.post()`
 */
export function reachedStatements(body: readonly Node[]): readonly Node[] {
  const exit = body.findIndex((s) => leaves(s));
  return exit === -1 ? body : body.slice(0, exit + 1);
}

/**
 * Is `node` after an unconditional exit of a block around it, inside its own function? A function
 * declaration after the exit is hoisted, so it runs whenever it is called, and is not dead.
 *
 * @example
 * afterExit(ctx, newWebClient) // true in `function send() { return; const web = new WebClient(token) }`
 */
export function afterExit(ctx: ModuleContext, node: Node): boolean {
  let child = node;
  for (let parent = ctx.parentOf(node); parent !== undefined; parent = ctx.parentOf(parent)) {
    if (parent.type === 'BlockStatement' || parent.type === 'StaticBlock') {
      if (child.type !== 'FunctionDeclaration') {
        const body = parent.body as Node[];
        const at = body.indexOf(child);
        for (let i = 0; i < at; i++) if (leaves(body[i])) return true;
      }
    } else if (parent.type === 'SwitchCase') {
      // `case 'a': return x; cleanup()` leaves before `cleanup` too.
      const body = parent.consequent as Node[];
      const at = body.indexOf(child);
      for (let i = 0; i < at; i++) if (leaves(body[i])) return true;
    }
    child = parent;
  }
  return false;
}
