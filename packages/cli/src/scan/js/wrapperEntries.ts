// A handler export built by a wrapper method: `export const main = wrappers.restJSON.wrap(getCaseList, {
// triggerEvent, getCases })`, `export const handler = lambda.wrapLambdaHandler(core)`. The method's name
// says it wraps the function it is given, which then does the invocation's work whatever its parameters
// are (a core taking `(input, dependencies)` rather than `(event, context)`); the module's functions handed
// to it in an object of dependencies run on that path too, called through the object.
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import { isBatch } from './handlerTypes.js';
import type { ModuleContext } from './ModuleContext.js';

/** A method named for wrapping a handler: `wrap`, `wrapHandler`, `wrapLambdaHandler`, `wrapLambda`. */
const WRAP_METHOD = /^wrap(Lambda)?(Handler)?$/;

/**
 * Marks the function a wrapper method is given as the entry (and the module functions in its object of
 * dependencies as helpers); false when `call` is not such a call or gives it no module function.
 *
 * @example
 * wrapperEntry(ctx, wrapCall) // true: getCaseList is the entry, triggerEvent a helper
 */
export function wrapperEntry(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  if (!WRAP_METHOD.test(propertyName(callee.property, callee.computed as boolean) ?? '')) return false;
  const args = call.arguments as Node[];
  const entry = ctx.functionOf(args[0]) ?? (isFunction(unwrap(args[0])) ? unwrap(args[0]) : undefined);
  if (entry === undefined) return false;
  if (!ctx.handlers.has(entry)) ctx.handlers.set(entry, 'entry');
  if (isBatch(ctx, entry)) ctx.batchHandlers.add(entry);
  for (const arg of args.slice(1)) {
    const object = unwrap(arg);
    if (object?.type !== 'ObjectExpression') continue;
    for (const p of object.properties as Node[]) {
      const fn = p.type === 'Property' ? ctx.functionOf(p.value as Node) : undefined;
      if (fn !== undefined && !ctx.handlers.has(fn)) ctx.handlers.set(fn, 'helper');
    }
  }
  return true;
}
