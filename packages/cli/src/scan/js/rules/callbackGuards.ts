// Whether a fan-out's callback keeps its own failures from reaching Promise.all: every promise it awaits or
// hands back must be kept in hand. A try around one branch of the callback leaves the writes of the other
// branches free to reject the whole fan-out, since a guard covers only what runs inside it; so does a
// write the callback returns unawaited outside its guard, a promise held in
// a local and awaited outside the guard, one more write awaited inside the catch itself, and a
// `Promise.all([...])` of writes that do not carry their own `.catch`.

import { calleeName, contains, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isPromiseSetTimeout } from '../promiseTimers.js';
import { isLogCall } from './catchFacts.js';
import { ownSleepCall } from './sleepHelpers.js';

const absorbs = (body: Node | undefined) =>
  body !== undefined && !someDescendant(body, (n) => n.type === 'ThrowStatement', true);

/** `.catch(fn)` whose handler does not throw again (or `.catch()` handed a function out of view). */
function absorbingCatch(n: Node): boolean {
  if (n.type !== 'CallExpression' || calleeName(n) !== 'catch') return false;
  const fn = n.arguments[0] as Node | undefined;
  return fn === undefined || !isFunction(fn) || absorbs(fn.body as Node);
}

/**
 * The spans of `body` whose rejections are absorbed: the protected block of a try whose catch never throws
 * (not the catch or finally: a write there rejects past the try), and the receiver of an absorbing
 * `.catch(...)`.
 */
function absorbedSpans(body: Node): { spans: Node[]; tries: Node[]; handlers: Node[] } {
  const spans: Node[] = [];
  const tries: Node[] = [];
  const handlers: Node[] = [];
  someDescendant(
    body,
    (n) => {
      if (n.type === 'TryStatement' && n.handler != null && absorbs(n.handler.body as Node)) {
        spans.push(n.block as Node);
        tries.push(n.block as Node);
        handlers.push(n.handler as Node);
        TRIED.set(n.handler as Node, n.block as Node);
      }
      if (absorbingCatch(n)) spans.push(unwrap(n.callee as Node)?.object as Node);
      return false;
    },
    true,
  );
  return { spans: spans.filter((s) => s !== undefined), tries, handlers };
}

/**
 * A call in an absorbing catch that cannot reject the fan-out: a logger's report of the failure, or a call
 * handed the caught error (`await parkForRetry(record, url, err)`: the failure is parked or reported, as
 * the working set's consumers do). Never a call to a callee the try itself writes with (`catch (err) {
 * await storeAudit(id, { lastError: String(err) }) }` after `await storeAudit(id, body)`): that write
 * can fail as the try's did. (A module function that guards its own writes is excused wherever it is called.)
 */
function reportsCaught(handlers: Node[], at: Node, call: Node): boolean {
  const h = handlers.find((c) => contains(c, at));
  if (h === undefined) return false;
  // A bare helper named for reporting a failure (`reportFailure(record, err)`) is read as a logger.
  const path = memberPath(call.callee);
  if (isLogCall(call) || (path?.length === 1 && REPORT_HELPER.test(path[0] ?? ''))) return true;
  const param = unwrap(h.param as Node | undefined);
  if (param?.type !== 'Identifier') return false;
  const isError = (n: Node) => n.type === 'Identifier' && n.name === param.name;
  if (!(call.arguments as Node[]).some((a) => isError(a) || someDescendant(a, isError, true))) return false;
  const name = path?.join('.');
  const block = TRIED.get(h);
  return (
    name === undefined ||
    block === undefined ||
    !someDescendant(
      block,
      (n) => n.type === 'CallExpression' && memberPath(n.callee)?.join('.') === name,
      true,
    )
  );
}

/** Each absorbing catch clause's protected block, for reportsCaught. */
const TRIED = new WeakMap<Node, Node>();

const REPORT_HELPER = /^(log|report)\w*(Error|Exception|Failure|Warning)$/;

/** A wait that cannot reject: the module's own sleep helper or `setTimeout` of node:timers/promises. */
function onlyWaits(ctx: ModuleContext, call: Node): boolean {
  if (ownSleepCall(ctx, call)) return true;
  // Only the bare name (`await setTimeout(ms)`): a namespace read (`timers.setTimeout`) is not taken as a wait here.
  const callee = unwrap(call.callee as Node);
  return callee?.type === 'Identifier' && isPromiseSetTimeout(ctx, callee);
}

/** Values that are no promise and cannot reject. */
const PLAIN = new Set([
  'Literal',
  'TemplateLiteral',
  'ObjectExpression',
  'ArrowFunctionExpression',
  'FunctionExpression',
  'BinaryExpression',
  'UnaryExpression',
  'UpdateExpression',
  'AwaitExpression',
]);

/**
 * The callback guards each record: every promise it awaits or returns either only reads (`reads`), sits
 * where an absorbing guard takes its rejection, or comes from a module function that guards its own writes
 * the same way. A catch that rethrows (`catch (err) { log(err); throw err; }`) guards nothing.
 * @example
 * guarded(ctx, cb, reads) // false for `async (m) => { if (m.a) { await post(m); return; } try { await save(m) } catch {} }`
 */
export function guarded(ctx: ModuleContext, cb: Node, reads: (call: Node) => boolean, depth = 0): boolean {
  const body = cb.body as Node;
  const { spans, tries, handlers } = absorbedSpans(body);
  if (spans.length === 0) return false;
  // A promise is kept in hand where it is observed: an `await` inside a try's block, or a `.catch` around it.
  const awaitedSafe = (at: Node, call: Node) =>
    spans.some((s) => contains(s, at)) || reportsCaught(handlers, at, call);
  // A promise returned unawaited settles after the try is left: only a `.catch` on it keeps it.
  const returnedSafe = (at: Node) => spans.some((s) => contains(s, at) && !tries.includes(s));
  // Escapes by default: a held local is judged by what it holds, a conditional or logical value by each
  // branch; anything else escapes unless it sits under a guard, only reads, or only waits.
  const escapes = (
    value: Node | undefined,
    at: Node,
    safe: (at: Node, call: Node) => boolean,
    hops = 0,
  ): boolean => {
    const v = unwrap(value);
    if (v === undefined || PLAIN.has(v.type) || hops > 4) return false;
    if (v.type === 'Identifier') {
      const held = ctx.valueOf(v);
      // A parameter or a name with no value in view (the record itself) is no promise known to reject.
      if (held === v || held === undefined) return false;
      return escapes(held, at, safe, hops + 1);
    }
    if (v.type === 'ConditionalExpression')
      return escapes(v.consequent, at, safe, hops + 1) || escapes(v.alternate, at, safe, hops + 1);
    if (v.type === 'LogicalExpression')
      return escapes(v.left, at, safe, hops + 1) || escapes(v.right, at, safe, hops + 1);
    if (v.type === 'ArrayExpression')
      return (v.elements as (Node | null)[]).some((e) => e !== null && escapes(e, e, returnedSafe, hops + 1));
    // A field read is a promise only when awaited (`await job.done`); returned, it is the record's data.
    if (v.type === 'MemberExpression') return at.type === 'AwaitExpression' && !safe(at, v);
    if (v.type !== 'CallExpression') return !safe(at, v);
    if (safe(at, v) || absorbingCatch(v) || onlyWaits(ctx, v) || reads(v)) return false;
    const own = ctx.functionOf(v.callee as Node);
    if (own !== undefined && own !== cb && depth < 2 && guarded(ctx, own, reads, depth + 1)) return false;
    return combinedEscapes(
      ctx,
      v,
      (element) => escapes(element, element, returnedSafe, hops + 1),
      (fn) => (depth < 2 ? guarded(ctx, fn, reads, depth + 1) : false),
    );
  };
  if (body.type !== 'BlockStatement') return !escapes(unwrap(body), body, returnedSafe);
  return !someDescendant(
    body,
    (n) => {
      if (n.type === 'AwaitExpression') {
        const awaited = unwrap(n.argument as Node);
        // `const p = save(m); ... await p`: judged as the write it holds, where it is awaited.
        return escapes(awaited, n, awaitedSafe);
      }
      if (n.type === 'ReturnStatement' && n.argument != null) {
        const returned = unwrap(n.argument as Node);
        // `try { return send(m) } catch {}` does not catch it: the promise settles after the try is left.
        return escapes(returned, n, returnedSafe);
      }
      return false;
    },
    true,
  );
}

/**
 * For a `Promise.<combinator>(...)` call, whether a combined promise escapes: `allSettled` never rejects;
 * `all`/`race`/`any` of an array escape when one of its elements does (a held array by what it holds); of
 * `list.map(fn)` when `fn` does not guard itself; of anything else (a list built elsewhere) they may. Any
 * other call is a write that escapes.
 */
function combinedEscapes(
  ctx: ModuleContext,
  call: Node,
  elementEscapes: (element: Node) => boolean,
  fnGuarded: (fn: Node) => boolean,
): boolean {
  const path = memberPath(call.callee);
  if (path?.[0] !== 'Promise' || path.length !== 2) return true;
  if (path[1] === 'allSettled') return false;
  const list = ctx.valueOf(call.arguments[0] as Node | undefined);
  if (list?.type === 'ArrayExpression') return elementEscapes(list);
  if (list?.type === 'CallExpression' && calleeName(list) === 'map') {
    const fn = ctx.valueOf(list.arguments[0] as Node | undefined);
    return fn === undefined || !isFunction(fn) || !fnGuarded(fn);
  }
  return true;
}
