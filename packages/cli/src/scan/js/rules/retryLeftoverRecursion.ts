// DynamoDB's batch calls answer what they did not take (`UnprocessedItems`, `UnprocessedKeys`). A function
// that hands those leftovers to itself (`if (Object.keys(out.UnprocessedItems).length) await
// write(out.UnprocessedItems)`) resends them the way a loop would (retryLoops.ts resendSite), and is judged
// the same way: with no attempt counter it resends for as long as DynamoDB refuses them, and with no wait,
// or one with no random part, it resends in lockstep with every caller throttled with it. No catch is
// involved, so the catch and failed-answer recursions (retryRecursion.ts, retryAnswerRecursion.ts) miss it.
import {
  contains,
  isFunction,
  type Node,
  numberValue,
  paramName,
  propertyName,
  someDescendant,
  unwrap,
  WRAPPERS,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { writtenWithin } from './gatheredResend.js';
import { delaysIn, jittered } from './loopDelays.js';
import type { RetrySite } from './retryLibraries.js';
import { callsSelf, selfName } from './retryRecursion.js';

/** DynamoDB's batch answer fields: a map of table name to the requests or keys it did not take. */
const DYNAMO_LEFTOVERS = /^(?:UnprocessedItems|UnprocessedKeys)$/;

/** `out.UnprocessedItems`, `res?.UnprocessedKeys`: a read of DynamoDB's leftover map. */
function leftoverRead(n: Node | undefined): boolean {
  const u = unwrap(n);
  return (
    u?.type === 'MemberExpression' &&
    !u.computed &&
    DYNAMO_LEFTOVERS.test(propertyName(u.property as Node) ?? '')
  );
}

/**
 * Whether `arg` carries the leftovers: it reads them, or names a value of this function built from them
 * (`const unprocessed = out.UnprocessedItems?.[table] ?? []` ... `write(unprocessed)` or
 * `write({ [table]: unprocessed })`). The argument itself is tested too: a bare name is the commonest form.
 */
function carriesLeftovers(ctx: ModuleContext, arg: Node, fn: Node, depth = 0): boolean {
  if (depth > 2) return false;
  const carries = (n: Node): boolean => {
    if (leftoverRead(n)) return true;
    const value = writtenWithin(ctx, n, fn);
    return value !== undefined && carriesLeftovers(ctx, value, fn, depth + 1);
  };
  const root = unwrap(arg);
  return root !== undefined && (carries(root) || someDescendant(arg, carries, true));
}

/** The node above `n`, past parentheses, `as`, `!` and optional chains. */
function outerOf(ctx: ModuleContext, n: Node): Node | undefined {
  let p = ctx.parentOf(n);
  while (p !== undefined && WRAPPERS.has(p.type)) p = ctx.parentOf(p);
  return p;
}

/** `len > 0`, `len >= 1`, `len === 3`: a comparison that only a non-zero length passes. */
function requiresNonZero(cmp: Node, len: Node): boolean {
  if (cmp.type !== 'BinaryExpression' || !contains(cmp.left as Node, len)) return false;
  const n = numberValue(unwrap(cmp.right as Node));
  if (n === undefined) return false;
  return (
    (cmp.operator === '>' && n >= 0) ||
    (cmp.operator === '>=' && n >= 1) ||
    ((cmp.operator === '===' || cmp.operator === '==') && n > 0)
  );
}

/**
 * `out.UnprocessedItems.length` where the guard requires it to be non-zero: the leftovers are a map keyed by
 * table, never an array, so that guard never holds and the self-call under it never runs. Only a length
 * read as a truthy operand of a conjunction, or compared so that only a non-zero length passes, counts:
 * `undefined !== 0` and `!undefined` always hold, so `length !== 0` or `!left?.length` guard nothing.
 */
function asksMapLength(ctx: ModuleContext, test: Node): boolean {
  return someDescendant(
    test,
    (n) => {
      if (
        n.type !== 'MemberExpression' ||
        propertyName(n.property as Node, n.computed as boolean) !== 'length' ||
        !leftoverRead(n.object as Node)
      )
        return false;
      let up = outerOf(ctx, n);
      if (up !== undefined && requiresNonZero(up, n)) up = outerOf(ctx, up);
      // Up to the guard's test, every step must be a conjunction: each operand must hold for the branch to run.
      for (; up !== undefined && contains(test, up); up = outerOf(ctx, up))
        if (up.type !== 'LogicalExpression' || up.operator !== '&&') return false;
      return true;
    },
    true,
  );
}

/** The tests of the `if`s, within `fn`, whose consequent holds `node`; undefined when a catch holds it. */
function guardTests(ctx: ModuleContext, node: Node, fn: Node): Node[] | undefined {
  const tests: Node[] = [];
  let child = node;
  for (let n = ctx.parentOf(node); n !== undefined && n !== fn; child = n, n = ctx.parentOf(n)) {
    // A catch's self-call is a retry of a thrown failure: retryRecursion.ts judges it.
    if (n.type === 'CatchClause' || isFunction(n)) return undefined;
    if (n.type === 'IfStatement' && n.consequent === child) tests.push(n.test as Node);
  }
  return tests;
}

/** The name a function calls itself by, private methods (`this.#flush`) included. */
function ownName(ctx: ModuleContext, fn: Node): { name: string; viaThis: boolean } | undefined {
  const parent = ctx.parentOf(fn);
  const key = parent?.type === 'MethodDefinition' ? (parent.key as Node) : undefined;
  if (key?.type === 'PrivateIdentifier') return { name: `#${key.name as string}`, viaThis: true };
  return selfName(ctx, fn);
}

/** Is `call` the function calling itself, by `this.#name` for a private method? */
function callsOwn(call: Node, self: { name: string; viaThis: boolean }): boolean {
  if (!self.name.startsWith('#')) return callsSelf(call, self);
  const callee = unwrap(call.callee);
  return (
    callee?.type === 'MemberExpression' &&
    unwrap(callee.object)?.type === 'ThisExpression' &&
    (callee.property as Node).type === 'PrivateIdentifier' &&
    `#${(callee.property as Node).name as string}` === self.name
  );
}

/** `attempt + 1`, `retries - 1`, `++n`: `arg` advances the parameter `name`. */
function advances(arg: Node | undefined, name: string): boolean {
  const u = unwrap(arg);
  const isName = (n: Node | undefined) => unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === name;
  if (u?.type === 'UpdateExpression') return isName(u.argument as Node);
  return (
    u?.type === 'BinaryExpression' && (u.operator === '+' || u.operator === '-') && isName(u.left as Node)
  );
}

/** Does `fn` compare the parameter `name` (`attempt < 5`, `retries === 0`) or throw under a test of it? */
function checks(fn: Node, name: string): boolean {
  const isName = (n: Node | undefined) => unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === name;
  return someDescendant(
    fn.body as Node,
    (n) =>
      (n.type === 'BinaryExpression' &&
        /^(?:[<>]=?|[!=]==?)$/.test(n.operator as string) &&
        (isName(n.left as Node) || isName(n.right as Node))) ||
      (n.type === 'IfStatement' &&
        someDescendant(n.test as Node, (t) => isName(t), true) &&
        someDescendant(n.consequent as Node, (t) => t.type === 'ThrowStatement', true)),
    true,
  );
}

/**
 * Whether an attempt counter bounds the resend, decided by structure: a parameter that the self-call
 * advances and that the function compares or throws on. Not the catch recursion's word lists (bounded,
 * COUNTER in retryRecursion.ts), which read `!isEmpty(...)`, "account" or `unprocessedCount >` as a bound.
 */
function counted(fn: Node, again: Node): boolean {
  const args = again.arguments as Node[];
  return (fn.params as Node[]).some((p, i) => {
    const name = paramName(p);
    return name !== undefined && advances(args[i], name) && checks(fn, name);
  });
}

/**
 * Each call by which a function hands DynamoDB's leftovers to itself after awaiting the batch call. Silent
 * when an attempt counter bounds the rounds (retry-unbounded) and when its wait has a random part
 * (retry-no-jitter); silent as a whole under a guard that can never hold.
 * @example
 * leftoverRecursionSites(ctx) // the `await recursiveBatchWrite(response.UnprocessedItems)` of a batch writer
 */
export function leftoverRecursionSites(ctx: ModuleContext): RetrySite[] {
  const sites: RetrySite[] = [];
  for (const again of ctx.of('CallExpression')) {
    const fn = ctx.enclosingFunction(again);
    const self = fn === undefined ? undefined : ownName(ctx, fn);
    if (fn === undefined || self === undefined || !callsOwn(again, self)) continue;
    if (!(again.arguments as Node[]).some((a) => carriesLeftovers(ctx, a, fn))) continue;
    const tests = guardTests(ctx, again, fn);
    if (tests === undefined || tests.some((t) => asksMapLength(ctx, t))) continue;
    // The leftovers are the answer of a batch call this function awaited before handing them on.
    if (!someDescendant(fn.body as Node, (n) => n.type === 'AwaitExpression' && n.end <= again.start, true))
      continue;
    const delays = delaysIn(ctx, fn.body as Node);
    const unbounded = counted(fn, again)
      ? {}
      : { unbounded: 'function resends the unprocessed batch entries to itself with no attempt limit' };
    const noJitter =
      delays.length === 0
        ? {
            noJitter:
              'function resends the unprocessed batch entries to itself at once: no backoff and no jitter',
          }
        : delays.some((d) => jittered(ctx, d))
          ? {}
          : {
              noJitter:
                'function resends the unprocessed batch entries after a fixed or purely exponential delay, no jitter',
            };
    if (!('unbounded' in unbounded) && !('noJitter' in noJitter)) continue;
    sites.push({
      node: again,
      label: 'recursive resend of unprocessed batch entries',
      ...unbounded,
      ...noJitter,
      noBreaker: true,
    });
  }
  return sites;
}
