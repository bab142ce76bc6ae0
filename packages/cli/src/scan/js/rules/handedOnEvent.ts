// A handler that hands its event on to a module-local function which never reads it
// (`export const lambdaHandler = async (event) => handle(event)` where `async function handle(event) { ... }`
// reads no `event`) still ignores its event: the run selects its own work, as a scheduled job's does.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The identifier `use` (an occurrence of a handler's event parameter) only passes the event on, as an
 * argument of a call of a function declared in this module whose parameter in that place is a plain name
 * the function never reads (or is absent, or starts with `_`).
 *
 * @example
 * // const handler = async (event) => run(event); async function run(event) { return scan() }
 * passedUnread(ctx, eventIdentifierInRunCall) // -> true
 */
export function passedUnread(ctx: ModuleContext, use: Node): boolean {
  const call = ctx.parentOf(use);
  if (call?.type !== 'CallExpression') return false;
  const index = (call.arguments as Node[]).indexOf(use);
  if (index < 0) return false;
  const fn = ctx.functionOf(unwrap(call.callee as Node));
  if (fn === undefined) return false;
  const param = (fn.params as Node[])[index];
  if (param === undefined) return true;
  if (param.type !== 'Identifier') return false;
  const name = param.name as string;
  if (name.startsWith('_')) return true;
  return !someDescendant(fn.body as Node, (n) => n.type === 'Identifier' && n.name === name);
}
