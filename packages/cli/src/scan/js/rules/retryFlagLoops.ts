// A retry whose try/catch sits in the function the loop calls: `while (!isSuccess) { attempt += 1;
// isSuccess = await handleMessage(handlerFunc, body, attempt); }` where handleMessage answers `true` from its
// try and `false` from its catch. The failure is turned into a falsy answer one call down, and the loop goes
// round on it: a retry all the same (the loop itself holds no try, so retryLoop.ts does not see one).
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { delaysIn, jittered } from './loopDelays.js';
import type { RetrySite } from './retryLibraries.js';

/** An attempt counter or a clock compared in the loop's test: the loop is bounded. */
const BOUND = /[<>]=?|===|!==|Date\.now\(\)|getRemainingTimeInMillis/;

/** `return false`, `return null`, `return undefined`, `return`: a falsy answer. */
function returnsFalsy(s: Node): boolean {
  if (s.type !== 'ReturnStatement') return false;
  const v = unwrap(s.argument as Node | undefined);
  return (
    v === undefined ||
    (v.type === 'Literal' && (v.value === false || v.value === null || v.value === 0)) ||
    (v.type === 'Identifier' && v.name === 'undefined')
  );
}

/** Does the function answer truthy from a try and end its catch with a falsy answer (never rethrowing)? */
function failsToFalsy(fn: Node): boolean {
  const body = fn.body as Node | undefined;
  if (body?.type !== 'BlockStatement') return false;
  return (body.body as Node[]).some((s) => {
    if (s.type !== 'TryStatement' || s.handler == null) return false;
    const handled = (s.handler.body?.body ?? []) as Node[];
    const last = handled.at(-1);
    if (last === undefined || !returnsFalsy(last)) return false;
    if (someDescendant(s.handler.body as Node, (n) => n.type === 'ThrowStatement', true)) return false;
    return someDescendant(
      s.block as Node,
      (n) => n.type === 'ReturnStatement' && n.argument != null && !returnsFalsy(n),
      true,
    );
  });
}

/** The flag a test goes round on: `!flag`, also beside a bound (`!done && attempt < 3`). */
function negatedFlag(test: Node): Node | undefined {
  if (test.type === 'LogicalExpression' && test.operator === '&&')
    return negatedFlag(unwrap(test.left as Node) as Node) ?? negatedFlag(unwrap(test.right as Node) as Node);
  if (test.type !== 'UnaryExpression' || test.operator !== '!') return undefined;
  const flag = unwrap(test.argument as Node);
  return flag?.type === 'Identifier' ? flag : undefined;
}

/**
 * The retry a `while (!flag)` loop sets up when the flag is assigned the awaited answer of a function of
 * the module that turns its failures into a falsy answer.
 *
 * @example
 * flagLoopSite(ctx, loop) // { label: 'hand-written retry loop', unbounded: ..., noJitter: ... }
 */
export function flagLoopSite(ctx: ModuleContext, loop: Node): RetrySite | undefined {
  if (loop.type !== 'WhileStatement' && loop.type !== 'DoWhileStatement') return undefined;
  const test = unwrap(loop.test as Node);
  const flag = test === undefined ? undefined : negatedFlag(test);
  if (test === undefined || flag === undefined) return undefined;
  // A success flag (`let isSuccess = false`); a value polled until set (`let receipt`) is retryNullPolls.ts's.
  const init = unwrap(ctx.resolve(flag.name as string, flag)?.init as Node | undefined);
  if (init?.type !== 'Literal' || init.value !== false) return undefined;
  const retried = someDescendant(
    loop.body as Node,
    (n) => {
      if (n.type !== 'AssignmentExpression' || n.operator !== '=') return false;
      if (unwrap(n.left as Node)?.name !== flag.name) return false;
      const value = unwrap(n.right as Node);
      const call = value?.type === 'AwaitExpression' ? unwrap(value.argument as Node) : undefined;
      const fn = call?.type === 'CallExpression' ? ctx.functionOf(call.callee as Node) : undefined;
      return fn !== undefined && isFunction(fn) && failsToFalsy(fn);
    },
    true,
  );
  if (!retried) return undefined;
  const delays = delaysIn(ctx, loop.body as Node);
  return {
    node: loop,
    label: 'hand-written retry loop',
    ...(BOUND.test(ctx.source.slice(test.start, test.end))
      ? {}
      : {
          unbounded:
            'retry loop with no attempt limit: only success ends it, so a failing item loops until the invocation times out',
        }),
    ...(delays.length === 0
      ? { noJitter: 'retry loop goes round again at once: no delay and no jitter between attempts' }
      : delays.some((d) => jittered(ctx, d))
        ? {}
        : { noJitter: 'retry loop sleeps a fixed or purely exponential delay, no jitter' }),
  };
}
