// The calls that build a handler export at load. A wrapper of the project's own
// (`export const handler = trackExecution('reset')(resetHandler)`) returns the function Lambda runs, so what
// that function does around the wrapped one (a `finally` that records metrics) runs in every invocation:
// the wrapper is on the handler's path although the call itself is made once, at load.
import { forEachDescendant, type Node } from './ast.js';
import { HANDLER_NAME } from './handlerDiscovery.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The calls, made at load, that build a handler export: `trackExecution('reset')(resetHandler)` and
 * `withEnv(config, track('x')(fn))` in `export const handler = ...`. The project wrapper they call returns
 * the function Lambda runs, so its body (a `finally` that records metrics) runs in every invocation.
 */
export function handlerBuilders(ctx: ModuleContext): Set<Node> {
  const calls = new Set<Node>();
  for (const [name, value] of ctx.exports) {
    const built = ctx.valueOf(value);
    if (!HANDLER_NAME.test(name) || built?.type !== 'CallExpression') continue;
    calls.add(built);
    forEachDescendant(
      built,
      (node) => {
        if (node.type === 'CallExpression') calls.add(node);
        return true;
      },
      true,
    );
  }
  return calls;
}
