// The hooks of a server a handler export is built from at load, through the instance the module makes:
// `const server = new ApolloServer({ context: async ({ event }) => ({ user: await loadUser(...) }) });
// exports.graphqlHandler = bugsnagHandler(server.createHandler())`. The server calls its options'
// functions (build the request's context, format an error) inside every invocation, so they are on the
// handler's path like the handler's own body: a promise they drop floats, and the project functions they
// call are reached. rules/handlerHooks.ts reads the options handed to the builder call itself
// (`createGraphQLHandler({ onException })`); this adds the options of an instance a builder call is made
// on (`server.createHandler()`) or handed (`toLambda(app)`), bound by the module's own `const`.
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import { handlerBuilders } from './handlerBuilders.js';
import type { ModuleContext } from './ModuleContext.js';

const cache = new WeakMap<ModuleContext, ReadonlySet<Node>>();

/**
 * The functions of the options objects handed to the constructions (`new X({...})`) or calls a handler
 * export's builder calls are made on or handed, by a module-level binding.
 *
 * @example
 * builtHandlerHooks(ctx) // { <context arrow> } for the module above
 */
export function builtHandlerHooks(ctx: ModuleContext): ReadonlySet<Node> {
  const cached = cache.get(ctx);
  if (cached !== undefined) return cached;
  const hooks = new Set<Node>();
  for (const call of handlerBuilders(ctx)) {
    const callee = unwrap(call.callee);
    const receivers = [...(call.arguments as Node[])];
    if (callee?.type === 'MemberExpression') receivers.push(callee.object as Node);
    for (const r of receivers) {
      // Only an instance the module names: the builder call's own options are rules/handlerHooks.ts's.
      if (unwrap(r)?.type !== 'Identifier') continue;
      const made = ctx.valueOf(r);
      if (made?.type === 'NewExpression' || made?.type === 'CallExpression') optionHooks(ctx, made, hooks);
    }
  }
  cache.set(ctx, hooks);
  return hooks;
}

/** The function-valued properties of the object literals `made` is handed (`context: async () => ...`). */
function optionHooks(ctx: ModuleContext, made: Node, into: Set<Node>): void {
  for (const arg of made.arguments as Node[]) {
    const object = ctx.valueOf(arg);
    if (object?.type !== 'ObjectExpression') continue;
    for (const p of object.properties as Node[]) {
      if (p.type !== 'Property' || propertyName(p.key, p.computed) === undefined) continue;
      const value = unwrap(p.value);
      if (isFunction(value)) into.add(value as Node);
    }
  }
}

/**
 * `node` runs inside one of those hooks (or a function within one).
 *
 * @example
 * inBuiltHandlerHook(ctx, stmt) // true for `logMetric(...)` inside the Apollo server's `context`
 */
export function inBuiltHandlerHook(ctx: ModuleContext, node: Node): boolean {
  const hooks = builtHandlerHooks(ctx);
  if (hooks.size === 0) return false;
  for (let fn = ctx.enclosingFunction(node); fn !== undefined; fn = ctx.enclosingFunction(fn))
    if (hooks.has(fn)) return true;
  return false;
}
