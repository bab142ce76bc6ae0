// Which functions of the module a call in handler code runs besides its callee: the functions of a table
// it calls through (`routes[event.routeKey](event)`), and the functions it is handed by name
// (`handle(event, context, processor)`, `records.map(processRecord)`). A wrapper handed the module's
// `processor` runs it for the event (or for each record), so the processor is on the handler's path as a
// helper the handler calls is: a catch there that only logs lets the invocation succeed.
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The object literal a computed call indexes, `routes[event.routeKey](...)` (also one built at load and
 * held in a `const`), or undefined for any other callee.
 * @example
 * indexedTable(ctx, callee) // the `{ a: handleA, b: handleB }` of `const routes = {...}; routes[k](e)`
 */
export function indexedTable(ctx: ModuleContext, callee: Node | undefined): Node | undefined {
  if (callee?.type !== 'MemberExpression' || !callee.computed) return undefined;
  const table = ctx.valueOf(callee.object as Node);
  return table?.type === 'ObjectExpression' ? table : undefined;
}

/**
 * `routes[event.routeKey](event)`: a call through a table of functions (a config-driven router) may run
 * any of them, so every function in the table is on the handler's path.
 */
export function routedTargets(ctx: ModuleContext, callee: Node | undefined): Node[] {
  const table = indexedTable(ctx, callee);
  if (table === undefined) return [];
  const targets: Node[] = [];
  for (const p of table.properties as Node[]) {
    if (p.type !== 'Property') continue;
    const fn = ctx.functionOf(p.value as Node);
    if (fn !== undefined) targets.push(fn);
  }
  return targets;
}

/**
 * Calls that keep a function for later instead of running it for this event: a listener registered
 * (`bus.on('progress', onProgress)`, `process.on('SIGTERM', flush)`) or a function stored
 * (`registry.set(k, loader)`, `handlers.push(fn)`). The invocation does not wait for it, so its catch
 * is not on the handler's must-complete path.
 */
const KEEPS_FOR_LATER =
  /^(on|once|off|addListener|prependListener|prependOnceListener|addEventListener|set|push|unshift|add|register|subscribe|use)$/;

/**
 * The module's functions a call is handed by name as an argument (`handle(event, context, processor)`):
 * whoever is called runs them on the handler's behalf. Functions written in place are inside the handler
 * already; a name bound to anything but a function of this module is not followed, nor a function handed
 * to a call that keeps it for later (KEEPS_FOR_LATER) or to `.then`'s rejection side.
 *
 * @example
 * handedFunctions(ctx, parse('handle(event, context, processor)')) // [the `processor` function]
 * handedFunctions(ctx, parse("bus.on('progress', onProgress)")) // []
 */
export function handedFunctions(ctx: ModuleContext, call: Node): Node[] {
  const callee = unwrap(call.callee);
  const method = callee?.type === 'MemberExpression' && !callee.computed ? callee.property?.name : undefined;
  if (KEEPS_FOR_LATER.test(method ?? '')) return [];
  // A timer runs it after this turn, and the invocation may end (or freeze) before it does.
  if (callee?.type === 'Identifier' && /^set(Timeout|Interval|Immediate)$/.test(callee.name as string))
    return [];
  const args = (call.arguments as Node[]).slice(0, method === 'then' ? 1 : undefined);
  const out: Node[] = [];
  for (const arg of args) {
    const a = unwrap(arg);
    if (a?.type !== 'Identifier') continue;
    // functionOf answers only functions of this module.
    const fn = ctx.functionOf(a);
    if (fn !== undefined) out.push(fn);
  }
  return out;
}
