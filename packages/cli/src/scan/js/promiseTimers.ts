// The `setTimeout` of `timers/promises`: `setTimeout(delay, value)` resolves with `value` and never calls a
// function handed to it. One recogniser, so the rules that read it agree (rules/deadAbortTimers.ts, and
// rules/callbackGuards.ts, where such a wait cannot reject).
import { lastName, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { requiredSpecifier } from './moduleSpecifier.js';

const PROMISE_TIMERS = new Set(['timers/promises', 'node:timers/promises']);

/** `require('timers/promises')`: the module object read in place. */
function requiresTimers(node: Node | undefined): boolean {
  const source = requiredSpecifier(node);
  return source !== undefined && PROMISE_TIMERS.has(source);
}

/**
 * Is `callee` the `setTimeout` of `timers/promises` (named, renamed, read from its namespace, or from
 * `require('timers/promises')` in place)?
 * @example
 * isPromiseSetTimeout(ctx, callee) // true for `setTimeout` after `import { setTimeout } from 'timers/promises'`
 */
export function isPromiseSetTimeout(ctx: ModuleContext, callee: Node | undefined): boolean {
  if (callee?.type === 'MemberExpression' && requiresTimers(callee.object as Node))
    return lastName(callee) === 'setTimeout';
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
