// The calls that build a handler export at load. A wrapper of the project's own
// (`export const handler = trackExecution('reset')(resetHandler)`) returns the function Lambda runs, so what
// that function does around the wrapped one (a `finally` that records metrics) runs in every invocation:
// the wrapper is on the handler's path although the call itself is made once, at load.
import { forEachDescendant, type Node, propertyName, unwrap } from './ast.js';
import { HANDLER_NAME } from './handlerShape.js';
import { isProjectSource, type ModuleContext } from './ModuleContext.js';

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

/**
 * A handler exported as a member of an instance the module builds from a project class:
 * `module.exports = { postOrderHandler: postOrderHandler.handler }` of `const postOrderHandler = new
 * PostOrderHandler('post', injector, dispatcher)`. The class (often a base class's `get handler()`) runs
 * what the module builds and hands it, so the module's constructions are on a handler's path.
 *
 * @example
 * exportsInstanceHandler(ctx) // true for the module above
 */
export function exportsInstanceHandler(ctx: ModuleContext): boolean {
  for (const [name, value] of ctx.exports) {
    const member = ctx.valueOf(value);
    if (!HANDLER_NAME.test(name) || member?.type !== 'MemberExpression') continue;
    if (!/handler$/i.test(propertyName(member.property, member.computed as boolean) ?? '')) continue;
    const made = ctx.valueOf(unwrap(member.object));
    const ctor = made?.type === 'NewExpression' ? unwrap(made.callee) : undefined;
    if (ctor?.type !== 'Identifier') continue;
    // The class is the project's: imported from it, or declared here (often extending its base class).
    const imp = ctx.importOf(ctor.name as string, ctor);
    if (
      imp !== undefined
        ? isProjectSource(imp.source)
        : ctx.resolve(ctor.name as string, ctor)?.kind === 'class'
    )
      return true;
  }
  return false;
}
