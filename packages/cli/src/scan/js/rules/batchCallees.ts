// A batch function the module's own handler calls with its event (`const id = retrieveIdFromEvent(event)`):
// it is a helper of that handler, exported for its tests, not a second entry point. The handler answers
// for the batch (and is judged itself, its batch size included), so the helper is not reported apart.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Is `fn` called by another entry handler of the module, with that handler's event as an argument? */
export function calledByOwnHandler(ctx: ModuleContext, fn: Node): boolean {
  for (const [handler, kind] of ctx.handlers) {
    if (kind !== 'entry' || handler === fn) continue;
    const event = (handler.params as Node[])[0];
    if (event?.type !== 'Identifier') continue;
    const called = someDescendant(handler.body as Node, (n) => {
      if (n.type !== 'CallExpression') return false;
      const callee = unwrap(n.callee);
      if (callee?.type !== 'Identifier' || ctx.functionOf(callee) !== fn) return false;
      return (n.arguments as Node[]).some(
        (a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === event.name,
      );
    });
    if (called) return true;
  }
  return false;
}
