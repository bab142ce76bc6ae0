// batch-no-partial-failure placed where the fix goes: several deployed handlers (one module each, one
// template event each) may do nothing but hand their event to one exported function of a shared module
// (`handler = (event, context) => handle(event, context, processor)`), and that function is the one that
// loops over `event.Records` and decides the batch's answer. The change that answers partial failures is
// one change there, so the finding is reported once at that function, not once per handler or per
// template event. This module only finds the candidates; whether deployed handlers are served by one, and
// which template findings it takes over, is the project pass's (sharedBatchServes.ts).
import { isFunction, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { readsBatchEvent } from './batchDecoders.js';

/**
 * The module's exported functions that are not handlers themselves but read a queue or stream batch from
 * their first parameter (`event.Records` and a record field, more than `Records[0]`, no partial answer of
 * their own), each with the names it is exported under.
 *
 * @example
 * sharedBatchFunctions(ctx) // [{ fn: handle, names: ['handle'] }] for `module.exports = { handle }` of
 * // `const handle = async (event, context, processor) => { ... event.Records.map((r) => processRecord(r, processor)) ... }`
 */
export function sharedBatchFunctions(ctx: ModuleContext): { fn: Node; names: string[] }[] {
  if (ctx.exports.size === 0 || !ctx.spells('Records')) return [];
  const byFn = new Map<Node, string[]>();
  for (const [name, value] of ctx.exports) {
    const fn = isFunction(value) ? value : ctx.valueOf(value);
    if (fn === undefined || !isFunction(fn)) continue;
    // A handler of its own (named by a template, typed as one) is judged as a handler.
    if (ctx.handlers.has(fn) || ctx.batchHandlers.has(fn)) continue;
    byFn.set(fn, [...(byFn.get(fn) ?? []), name]);
  }
  const out: { fn: Node; names: string[] }[] = [];
  for (const [fn, names] of byFn) if (readsBatchEvent(ctx, fn)) out.push({ fn, names });
  return out;
}
