// Which functions of the module a call in handler code runs besides its callee: the functions of a table
// it calls through (`routes[event.routeKey](event)`), and the functions it is handed by name
// (`handle(event, context, processor)`, `records.map(processRecord)`). A wrapper handed the module's
// `processor` runs it for the event (or for each record), so the processor is on the handler's path as a
// helper the handler calls is: a catch there that only logs lets the invocation succeed.
import { isFunction, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * `routes[event.routeKey](event)`: a call through a table of functions (a config-driven router) may run
 * any of them, so every function in the table is on the handler's path.
 */
export function routedTargets(ctx: ModuleContext, callee: Node | undefined): Node[] {
  if (callee?.type !== 'MemberExpression' || !callee.computed) return [];
  const table = ctx.valueOf(callee.object as Node);
  if (table?.type !== 'ObjectExpression') return [];
  const targets: Node[] = [];
  for (const p of table.properties as Node[]) {
    if (p.type !== 'Property') continue;
    const fn = ctx.functionOf(p.value as Node);
    if (fn !== undefined) targets.push(fn);
  }
  return targets;
}

/**
 * The module's functions a call is handed by name as an argument (`handle(event, context, processor)`):
 * whoever is called runs them on the handler's behalf. Functions written in place are inside the handler
 * already; a name bound to anything but a function of this module is not followed.
 *
 * @example
 * handedFunctions(ctx, parse('handle(event, context, processor)')) // [the `processor` function]
 */
export function handedFunctions(ctx: ModuleContext, call: Node): Node[] {
  const out: Node[] = [];
  for (const arg of call.arguments as Node[]) {
    const a = unwrap(arg);
    if (a?.type !== 'Identifier') continue;
    const fn = ctx.functionOf(a);
    if (fn !== undefined && isFunction(fn)) out.push(fn);
  }
  return out;
}
