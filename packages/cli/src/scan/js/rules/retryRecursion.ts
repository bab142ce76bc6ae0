// Retry helpers written as recursion rather than a loop: a function whose catch waits and calls the function
// again (`catch (e) { if (retries === 0) throw e; await sleep(delay); return withRetry(fn, retries - 1, delay * 2) }`).
// Judged like a hand-written retry loop: its delay needs jitter, and a call that hands back the very
// arguments it was given (no counter) goes round for as long as the call fails.
import { isFunction, memberPath, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { delaysIn, jittered } from './loopDelays.js';
import type { RetrySite } from './retryLibraries.js';

/** The name a function calls itself by: its declaration's, its variable's, or `this.<method>`. */
export function selfName(ctx: ModuleContext, fn: Node): { name: string; viaThis: boolean } | undefined {
  const id = unwrap(fn.id as Node | undefined);
  if (id?.type === 'Identifier') return { name: id.name as string, viaThis: false };
  const parent = ctx.parentOf(fn);
  if (parent?.type === 'VariableDeclarator' && unwrap(parent.id)?.type === 'Identifier')
    return { name: unwrap(parent.id)?.name as string, viaThis: false };
  // `Promise.retryMax = function (fn, retry, interval) { ... }`: called again by that member path.
  if (parent?.type === 'AssignmentExpression' && parent.right === fn) {
    const path = memberPath(parent.left as Node)?.join('.');
    if (path !== undefined) return { name: path, viaThis: false };
  }
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') && !parent.computed) {
    const name = propertyName(parent.key as Node);
    return name === undefined ? undefined : { name, viaThis: true };
  }
  return undefined;
}

/** Is `call` the function calling itself? */
export function callsSelf(call: Node, self: { name: string; viaThis: boolean }): boolean {
  const callee = unwrap(call.callee);
  if (self.name.includes('.')) return memberPath(callee)?.join('.') === self.name;
  if (!self.viaThis) return callee?.type === 'Identifier' && callee.name === self.name;
  return (
    callee?.type === 'MemberExpression' &&
    unwrap(callee.object)?.type === 'ThisExpression' &&
    propertyName(callee.property as Node, callee.computed as boolean) === self.name
  );
}

/** The call hands back exactly the parameters it was given: nothing counts the attempts. */
export function sameArguments(fn: Node, call: Node): boolean {
  const params = fn.params as Node[];
  const args = call.arguments as Node[];
  if (params.length !== args.length) return false;
  return params.every((p, i) => {
    const a = unwrap(args[i]);
    const name = p.type === 'AssignmentPattern' ? unwrap(p.left)?.name : p.name;
    return a?.type === 'Identifier' && name !== undefined && a.name === name;
  });
}

/** Text that counts attempts (`attempt >= 3`, `retries < max`). */
export const COUNTER = /\b(\w*(attempt|tries|retries|retry|count)\w*|n)\s*(>=|>|===|<=|<|!==)/i;

// Asked of one function per catch and per call in it: remembered per function node (a node belongs to one
// module's text), so a function of thousands of catches reads its own text once.
const countedByFunction = new WeakMap<Node, boolean>();

/**
 * The function's text counts attempts (COUNTER): its recursion is bounded by a counter it compares.
 * @example countsAttempts(ctx, fn) // true for `async function send(x, attempt = 0) { if (attempt >= 3) throw e; ... }`
 */
export function countsAttempts(ctx: ModuleContext, fn: Node): boolean {
  let known = countedByFunction.get(fn);
  if (known === undefined) {
    known = COUNTER.test(ctx.source.slice(fn.start, fn.end));
    countedByFunction.set(fn, known);
  }
  return known;
}

/** Words of a flag or counter that bounds the rounds. */
const BOUND_WORDS =
  /retr(y|ied|ies)|attempt|tries|count|again|refreshed|isRetry|second|once|first|depth|max/i;

/**
 * Whether a self-call is bounded: a flag or counter parameter, a literal or computed argument, or a guard
 * test (`tests`, the conditions the call sits under) that asks a negated flag.
 *
 * @example
 * bounded(ctx, fn, call, [test]) // if (!retried && e.expectedSequenceToken) return put(events, token, true) -> true
 */
export function bounded(ctx: ModuleContext, fn: Node, call: Node, tests: Node[]): boolean {
  const params = (fn.params as Node[]).map((p) => ctx.source.slice(p.start, p.end)).join(',');
  if (BOUND_WORDS.test(params)) return true;
  for (const test of tests) {
    const testText = ctx.source.slice(test.start, test.end);
    if (BOUND_WORDS.test(testText) || /![\w$(]/.test(testText.replace(/!==?/g, ''))) return true;
  }
  return (call.arguments as Node[]).some((a) => {
    const u = unwrap(a);
    return u?.type === 'Literal' || u?.type === 'BinaryExpression' || u?.type === 'UnaryExpression';
  });
}

/** The retry a catch sets up by calling its own function again after a wait, if it does. */
export function recursionSite(ctx: ModuleContext, clause: Node): RetrySite | undefined {
  const tryStatement = ctx.parentOf(clause);
  if (tryStatement?.type !== 'TryStatement') return undefined;
  if (!someDescendant(tryStatement.block as Node, (n) => n.type === 'AwaitExpression', true))
    return undefined;
  const fn = ctx.enclosingFunction(clause);
  if (fn === undefined) return undefined;
  const self = selfName(ctx, fn);
  if (self === undefined) return undefined;
  let again: Node | undefined;
  someDescendant(clause.body as Node, (n) => {
    if (again === undefined && n.type === 'CallExpression' && callsSelf(n, self)) again = n;
    return again !== undefined;
  });
  if (again === undefined) return undefined;
  // Only a retry that waits is judged: a catch that calls again at once is most often a one-off
  // (a refreshed token, a fallback region), not a schedule of attempts.
  const delays = delaysIn(ctx, clause.body as Node);
  if (delays.length === 0) return undefined;
  const unbounded =
    sameArguments(fn, again) && !countsAttempts(ctx, fn)
      ? { unbounded: 'recursive retry with no attempt limit: it calls itself again with the same arguments' }
      : {};
  return {
    node: again,
    label: 'recursive retry',
    ...unbounded,
    ...(delays.some((d) => jittered(ctx, d))
      ? {}
      : { noJitter: 'recursive retry waits a fixed or purely exponential delay, no jitter' }),
  };
}

/**
 * The same retry written as a promise chain: the function's `.catch(...)` callback waits and calls the
 * function again (`return fn().catch(() => wait(t).then(() => Promise.retryMax(fn, retry - 1, t)))`).
 */
export function promiseRecursionSite(ctx: ModuleContext, call: Node): RetrySite | undefined {
  const callee = unwrap(call.callee);
  if (
    callee?.type !== 'MemberExpression' ||
    propertyName(callee.property as Node, callee.computed as boolean) !== 'catch'
  )
    return undefined;
  const handler = unwrap((call.arguments as Node[])[0]);
  if (handler === undefined || !isFunction(handler)) return undefined;
  const fn = ctx.enclosingFunction(call);
  const self = fn === undefined ? undefined : selfName(ctx, fn);
  if (fn === undefined || self === undefined) return undefined;
  let again: Node | undefined;
  someDescendant(handler.body as Node, (n) => {
    if (again === undefined && n.type === 'CallExpression' && callsSelf(n, self)) again = n;
    return again !== undefined;
  });
  const delays = delaysIn(ctx, handler.body as Node);
  if (again === undefined || delays.length === 0) return undefined;
  return {
    node: again,
    label: 'recursive retry',
    ...(sameArguments(fn, again) && !countsAttempts(ctx, fn)
      ? { unbounded: 'recursive retry with no attempt limit: it calls itself again with the same arguments' }
      : {}),
    ...(delays.some((d) => jittered(ctx, d))
      ? {}
      : { noJitter: 'recursive retry waits a fixed or purely exponential delay, no jitter' }),
  };
}
