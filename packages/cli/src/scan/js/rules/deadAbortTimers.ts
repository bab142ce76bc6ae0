// http-no-timeout for an abort timer that never fires: `setTimeout(ms, () => controller.abort())` with
// `setTimeout` imported from `timers/promises` (or `node:timers/promises`). That setTimeout is
// `setTimeout(delay, value, options)`: it returns a promise resolved with `value` after the delay and never
// calls a function handed to it (Node's timers/promises docs), so the abort does not happen and the request
// the controller's signal was handed to runs unbounded, although the code reads as if it were bounded.
// Exact by import: the global or `timers` setTimeout(fn, ms) does call its callback and stays silent, and so
// does a timers/promises setTimeout whose second argument is not a function that aborts.
// Only modules the pre-parse gate admits are read (js/ruleGate.ts); such a timer guards awaited work in a
// try/catch, which the gate's catch words admit.
import { calleeName, lastName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

const PROMISE_TIMERS = new Set(['timers/promises', 'node:timers/promises']);

/** Is `callee` the `setTimeout` of `timers/promises` (named, renamed, or read from its namespace)? */
function promiseSetTimeout(ctx: ModuleContext, callee: Node | undefined): boolean {
  const imp = ctx.importRoot(callee);
  if (imp === undefined || !PROMISE_TIMERS.has(imp.source)) return false;
  if (callee?.type === 'Identifier') return imp.imported === 'setTimeout';
  // `timers.setTimeout(...)` through a namespace import or a required module object.
  return (
    callee?.type === 'MemberExpression' &&
    unwrap(callee.object as Node)?.type === 'Identifier' &&
    lastName(callee) === 'setTimeout'
  );
}

/** Does the function (inline, or a local one by name) call `.abort()` on something? */
function abortsSomething(ctx: ModuleContext, arg: Node | undefined): boolean {
  const fn = ctx.functionOf(arg);
  if (fn === undefined) return false;
  const body = fn.body as Node;
  // An expression body that is itself the call (`() => controller.abort()`) is not below the body node.
  const isAbort = (n: Node) =>
    n.type === 'CallExpression' && unwrap(n.callee)?.type === 'MemberExpression' && calleeName(n) === 'abort';
  return isAbort(unwrap(body) as Node) || someDescendant(body, isAbort, true);
}

/**
 * Abort timers written with the promise setTimeout, whose callback never runs.
 * @example
 * deadAbortTimers(ctx, report); // reports `setTimeout(45_000, () => controller.abort())` after `import { setTimeout } from 'timers/promises'`
 */
export function deadAbortTimers(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('timers/promises') || !ctx.spells('abort')) return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    const args = call.arguments as Node[];
    if (args.length < 2 || !promiseSetTimeout(ctx, callee)) continue;
    if (!abortsSomething(ctx, args[1])) continue;
    report(
      'http-no-timeout',
      call,
      "this abort never fires: setTimeout from 'timers/promises' takes (delay, value) and never calls a function, so the request it was meant to bound has no timeout; pass AbortSignal.timeout(ms) instead (or use the global setTimeout(fn, ms))",
    );
  }
}
