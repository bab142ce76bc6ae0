// Whether a fan-out's callback keeps its own failures from reaching Promise.all: every promise it awaits or
// hands back must be kept in hand. A try around one branch of the callback (the GitHub case of a switch,
// none around the Slack case) leaves the other branches' writes free to reject the whole fan-out; so does a
// write the callback returns unawaited outside its guard, a promise held in
// a local and awaited outside the guard, one more write awaited inside the catch itself, and a
// `Promise.all([...])` of writes that do not carry their own `.catch`.

import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

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
      }
      if (absorbingCatch(n)) spans.push(unwrap(n.callee as Node)?.object as Node);
      return false;
    },
    true,
  );
  return { spans: spans.filter((s) => s !== undefined), tries, handlers };
}

/**
 * A call in an absorbing catch that is handed the caught error (`await parkForRetry(record, err)`): the
 * guard's own report of the failure, not another write of the record's work.
 */
function reportsCaught(handlers: Node[], at: Node, call: Node): boolean {
  return handlers.some((h) => {
    const param = unwrap(h.param as Node | undefined);
    if (param?.type !== 'Identifier' || !within(at, h)) return false;
    const isError = (n: Node) => n.type === 'Identifier' && n.name === param.name;
    return (call.arguments as Node[]).some((a) => isError(a) || someDescendant(a, isError, true));
  });
}

const within = (n: Node, span: Node) => span.start <= n.start && n.end <= span.end;

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
    spans.some((s) => within(at, s)) || reportsCaught(handlers, at, call);
  // A promise returned unawaited settles after the try is left: only a `.catch` on it keeps it.
  const returnedSafe = (at: Node) => spans.some((s) => within(at, s) && !tries.includes(s));
  const escapes = (call: Node | undefined, at: Node, safe: (at: Node, call: Node) => boolean): boolean => {
    if (call?.type !== 'CallExpression' || safe(at, call) || absorbingCatch(call) || reads(call))
      return false;
    const own = ctx.functionOf(call.callee as Node);
    if (own !== undefined && own !== cb && depth < 2 && guarded(ctx, own, reads, depth + 1)) return false;
    return combinedEscapes(
      call,
      (element) => element !== undefined && escapes(element, element, returnedSafe),
    );
  };
  if (body.type !== 'BlockStatement') return !escapes(unwrap(body), body, returnedSafe);
  return !someDescendant(
    body,
    (n) => {
      if (n.type === 'AwaitExpression') {
        const awaited = unwrap(n.argument as Node);
        // `const p = save(m); ... await p`: judged as the write it holds, where it is awaited.
        const call = awaited?.type === 'Identifier' ? ctx.valueOf(awaited) : awaited;
        return escapes(call, n, awaitedSafe);
      }
      if (n.type === 'ReturnStatement' && n.argument != null) {
        const returned = unwrap(n.argument as Node);
        // `try { return send(m) } catch {}` does not catch either, but readers do not count it: judged as
        // guarded, so only a write returned outside any guard escapes here.
        return returned?.type !== 'AwaitExpression' && escapes(returned, n, awaitedSafe);
      }
      return false;
    },
    true,
  );
}

/**
 * For a `Promise.<combinator>(...)` call, whether a combined promise escapes: `allSettled` never rejects;
 * `all`/`race`/`any` of a written array escape when one of its elements does; of anything else (a list
 * built elsewhere) they may. Any other call is a write that escapes.
 */
function combinedEscapes(call: Node, elementEscapes: (element: Node | undefined) => boolean): boolean {
  const path = memberPath(call.callee);
  if (path?.[0] !== 'Promise' || path.length !== 2) return true;
  if (path[1] === 'allSettled') return false;
  const list = unwrap(call.arguments[0] as Node | undefined);
  if (list?.type !== 'ArrayExpression') return true;
  return (list.elements as (Node | null)[]).some((e) => e !== null && elementEscapes(unwrap(e)));
}
