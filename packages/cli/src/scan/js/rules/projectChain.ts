// swallowed-error: `await checkAndRetryJob(payload).catch((e) => log.warn(e))`: the awaited chain starts at
// a call of the project's own work, an imported function or a module-local one that reaches another system,
// rather than at an SDK or HTTP call. It is the `try { await checkAndRetryJob(p) } catch (e) { log(e) }` of
// promise chains, which swallowed.ts judges the same way (an awaited call is I/O there), so promiseCatch.ts
// judges it as it does an awaited SDK chain whose handler only logs.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isProjectSource } from '../ModuleContext.js';
import { doesIo } from './catchFacts.js';

/** A call that itself records a failure (`logCriticalError({...})`, `reportError(e)`): a log line, not work. */
const OBSERVES = /^(log|report|capture)[A-Z_]/;

/**
 * The call is of a function imported from a project module, or of a module-local function whose body
 * reaches another system, and is not named for logging or reporting.
 *
 * @example
 * projectWorkCall(ctx, parse("checkAndRetryJob(payload)")) // import { checkAndRetryJob } from './job' -> true
 */
export function projectWorkCall(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier' || OBSERVES.test(callee.name as string)) return false;
  const local = ctx.functionOf(callee);
  if (local !== undefined) return doesIo(ctx, local.body as Node);
  const binding = ctx.imports.get(callee.name as string);
  return binding !== undefined && isProjectSource(binding.source);
}
