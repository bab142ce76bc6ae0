// A module-local function wrapped by a higher-order helper and kept under a new name
// (`const wrapped = requiredEnvVars(names)(routeCore)`, `const run = withRetry(work)`): a call of the
// wrapper runs the wrapped function, so it is one of the function's callers (js/passedAsync.ts).
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The module's own function a called name was built from by wrapping it (the last argument of the call its
 * const is initialised with), or undefined when the name is no such wrapper.
 *
 * @example
 * wrappedTarget(ctx, wrappedId) // the `routeCore` arrow, for `const wrapped = requiredEnvVars(names)(routeCore)`
 */
export function wrappedTarget(ctx: ModuleContext, callee: Node): Node | undefined {
  if (callee.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(callee.name as string, callee);
  if (binding?.kind !== 'const') return undefined;
  const init = unwrap(binding.init);
  if (init?.type !== 'CallExpression') return undefined;
  const last = unwrap((init.arguments as Node[]).at(-1));
  return last?.type === 'Identifier' ? ctx.functionOf(last) : undefined;
}
