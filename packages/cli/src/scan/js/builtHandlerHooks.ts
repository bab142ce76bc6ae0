// The hooks of a server a handler export is built from at load, through the instance the module makes:
// `const server = new ApolloServer({ context: async ({ event }) => ({ user: await loadUser(...) }) });
// exports.graphqlHandler = wrapForErrorReports(server.createHandler())`. The server calls its options'
// functions (build the request's context, format an error) inside every invocation, so they are on the
// handler's path like the handler's own body: a promise they drop floats, and the project functions they
// call are reached. The options of an instance a builder call is made on (`server.createHandler()`) or
// handed (`toLambda(app)`), bound by the module's own `const`, count, and so do the builder call's own
// (`startServerAndCreateLambdaHandler(server, handlers, { context: async () => ... })`). A hook is an
// inline function, or one named: a module function or const (`context` shorthand), or an import
// (`context: createContext`), which the handler path then reaches in its module (builtHookImports).
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { handlerBuilders } from './handlerBuilders.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';

interface Hooks {
  readonly local: ReadonlySet<Node>;
  readonly imported: readonly ImportRef[];
}

const cache = new WeakMap<ModuleContext, Hooks>();

function hooksOf(ctx: ModuleContext): Hooks {
  const cached = cache.get(ctx);
  if (cached !== undefined) return cached;
  const hooks: Hooks = { local: new Set<Node>(), imported: [] };
  for (const call of handlerBuilders(ctx)) {
    optionHooks(ctx, call, hooks);
    const callee = unwrap(call.callee);
    const receivers = [...(call.arguments as Node[])];
    if (callee?.type === 'MemberExpression') receivers.push(callee.object as Node);
    for (const r of receivers) {
      if (unwrap(r)?.type !== 'Identifier') continue;
      const made = ctx.valueOf(r);
      if (made?.type === 'NewExpression' || made?.type === 'CallExpression') optionHooks(ctx, made, hooks);
    }
  }
  cache.set(ctx, hooks);
  return hooks;
}

/**
 * The functions of the options objects handed to a handler export's builder call, or to the constructions
 * (`new X({...})`) or calls it is made on or handed by a module-level binding.
 *
 * @example
 * builtHandlerHooks(ctx) // { <context arrow> } for the module above
 */
export function builtHandlerHooks(ctx: ModuleContext): ReadonlySet<Node> {
  return hooksOf(ctx).local;
}

/**
 * The project imports given as such a hook by name (`context: createContext`): the handler path calls them.
 *
 * @example
 * builtHookImports(ctx) // [{ from: '/app/handler.js', source: './lib/context', name: 'createContext' }]
 */
export function builtHookImports(ctx: ModuleContext): readonly ImportRef[] {
  return hooksOf(ctx).imported;
}

/** The function-valued properties of the object literals `made` is handed (`context: async () => ...`). */
function optionHooks(ctx: ModuleContext, made: Node, into: Hooks): void {
  for (const arg of made.arguments as Node[]) {
    const object = ctx.valueOf(arg);
    if (object?.type !== 'ObjectExpression') continue;
    for (const p of object.properties as Node[]) {
      if (p.type !== 'Property' || propertyName(p.key, p.computed) === undefined) continue;
      const value = unwrap(p.value);
      const fn = isFunction(value) ? value : ctx.functionOf(value);
      if (fn !== undefined) (into.local as Set<Node>).add(fn);
      else if (value?.type === 'Identifier') {
        const imp = ctx.importOf(value.name as string, value);
        if (imp !== undefined && imp.imported !== '*' && mayBeProjectSource(imp.source))
          (into.imported as ImportRef[]).push({ from: ctx.file, source: imp.source, name: imp.imported });
      }
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
  const hooks = hooksOf(ctx).local;
  if (hooks.size === 0) return false;
  for (let fn = ctx.enclosingFunction(node); fn !== undefined; fn = ctx.enclosingFunction(fn))
    if (hooks.has(fn)) return true;
  return false;
}
