// floating-promise through a timer: `setTimeout(() => refresh(), ttl)` on a handler's path schedules async
// work nobody awaits. Lambda freezes the environment when the handler returns, so the timer fires during
// some later invocation (or after a thaw), its request can be frozen mid-flight, and its failure is never
// seen by the invocation that started it.
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const TIMER = /^(setTimeout|setInterval|setImmediate)$/;

/**
 * The timer call's callback, when the callee is the global timer and the callback is async or calls
 * something `startsPromise` says returns a promise (`() => updateApiKeys()`, `() => { void publish(x) }`).
 */
export function timerStartsWork(
  ctx: ModuleContext,
  call: Node,
  startsPromise: (inner: Node) => boolean,
): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier' || !TIMER.test(callee.name as string)) return false;
  if (!ctx.isGlobal(callee.name as string, callee)) return false;
  const cb = ctx.valueOf((call.arguments as Node[])[0]);
  if (cb === undefined || !isFunction(cb)) return false;
  if (cb.async === true) return !rearmsStartedLoop(ctx, call, cb);
  // A callback that schedules itself again (`function poll() { ...; setTimeout(poll, 500) }`) is asked
  // about while it is being looked at: that answer is the one being worked out, so it adds nothing.
  if (visiting.has(cb)) return false;
  visiting.add(cb);
  try {
    const body = unwrap(cb.body as Node);
    // An expression body is the call itself; a block's statements are each looked at.
    const expressions =
      body?.type === 'BlockStatement'
        ? (body.body as Node[]).map((s) => s.expression as Node | undefined)
        : [body];
    return expressions.some((expression) => {
      let e = unwrap(expression);
      if (e?.type === 'UnaryExpression' && e.operator === 'void') e = unwrap(e.argument);
      return e?.type === 'CallExpression' && startsPromise(e);
    });
  } finally {
    visiting.delete(cb);
  }
}

/**
 * `setTimeout(callFn, wait)` inside `callFn` itself, when the module also starts `callFn()` as a dropped
 * statement: the timer re-arms the same loop whose promise that start drops, one defect reported there.
 * A loop started with `await callFn()` keeps its re-arm's finding: the timer's promise is then the only one lost.
 */
function rearmsStartedLoop(ctx: ModuleContext, call: Node, cb: Node): boolean {
  if (call.start < cb.start || call.end > cb.end) return false;
  return ctx.of('ExpressionStatement').some((s) => {
    const e = unwrap(s.expression as Node);
    return (
      e?.type === 'CallExpression' &&
      (e.start < cb.start || e.start > cb.end) &&
      unwrap(e.callee as Node)?.type === 'Identifier' &&
      ctx.valueOf(e.callee as Node) === cb
    );
  });
}

/** Timer callbacks being looked at, up the current call stack. */
const visiting = new Set<Node>();
