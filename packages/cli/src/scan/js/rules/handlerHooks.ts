// floating-promise: a handler built by a framework's factory from an options object
// (`export const handler = createGraphQLHandler({ onException: () => { db.$disconnect() }, ... })`) calls the
// functions of that object (hooks: on an exception, to build the request's context, to log) during the
// invocation. A hook's dropped promise floats as one in the handler's own body does.
import { type Node, unwrap } from '../ast.js';
import { inBuiltHandlerHook } from '../builtHandlerHooks.js';
import { HANDLER_NAME } from '../handlerShape.js';
import type { ModuleContext } from '../ModuleContext.js';

/** `fn` is a property's value (or a method) of an object literal handed to `call`. */
function optionOf(ctx: ModuleContext, fn: Node): Node | undefined {
  const prop = ctx.parentOf(fn);
  if (prop?.type !== 'Property' || prop.value !== fn) return undefined;
  const object = ctx.parentOf(prop);
  if (object?.type !== 'ObjectExpression') return undefined;
  const { parent } = ctx.climb(
    object,
    (p) => p.type === 'TSAsExpression' || p.type === 'TSSatisfiesExpression',
  );
  return parent?.type === 'CallExpression' && (parent.arguments as Node[]).some((a) => unwrap(a) === object)
    ? parent
    : undefined;
}

/**
 * The statement runs in a hook of the options object given to the call that builds an export named like a
 * handler (`handler`, `main`, `...Handler`).
 *
 * @example
 * inHandlerHook(ctx, stmt) // export const handler = createGraphQLHandler({ onException: () => { db.$disconnect() } }) -> true
 * inHandlerHook(ctx, stmt) // export const routes = buildRoutes({ onError: () => { db.$disconnect() } }) -> false
 */
export function inHandlerHook(ctx: ModuleContext, stmt: Node): boolean {
  // Or of the options of the server instance the handler is built from (js/builtHandlerHooks.ts).
  if (inBuiltHandlerHook(ctx, stmt)) return true;
  for (let fn = ctx.enclosingFunction(stmt); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const call = optionOf(ctx, fn);
    if (call === undefined) continue;
    for (const [name, value] of ctx.exports)
      if (unwrap(value) === call && HANDLER_NAME.test(name)) return true;
  }
  return false;
}

/** Some export named like a handler is the value of a call: only then can a statement be in its hooks. */
export function mayHaveHooks(ctx: ModuleContext): boolean {
  for (const [name, value] of ctx.exports)
    if (HANDLER_NAME.test(name) && unwrap(value)?.type === 'CallExpression') return true;
  return false;
}
