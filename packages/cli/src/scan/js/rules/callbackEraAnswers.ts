// How a callback-era handler answers Lambda, and when that answer leaves work in flight.
// An answer given while a Node http request is still in flight: `req.end(); context.succeed();`.
// `context.succeed`/`done`/`fail` end the invocation at once (they never waited for the event loop), and
// `callback(...)` does the same where the module sets `callbackWaitsForEmptyEventLoop = false`: Lambda
// freezes with the request unsent or unanswered, and its failure is never seen.

import { escapeRegExp } from '../../escapeRegExp.js';
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const HTTP_MODULES = new Set(['http', 'https', 'node:http', 'node:https']);
const CONTEXT_ANSWERS = new Set(['succeed', 'done', 'fail']);

/** `x` is bound to `https.request(...)` / `http.get(...)` of Node's own http modules: a ClientRequest. */
export function isClientRequest(ctx: ModuleContext, x: Node | undefined): boolean {
  // Callback-era code declares `var req = https.request(...)`, which valueOf leaves alone.
  const id = unwrap(x);
  const bound = id?.type === 'Identifier' ? ctx.resolve(id.name as string, id) : undefined;
  const made = bound?.kind === 'var' ? unwrap(bound.init) : ctx.valueOf(x);
  if (made?.type !== 'CallExpression') return false;
  const path = memberPath(made.callee);
  if (path?.length !== 2 || (path[1] !== 'request' && path[1] !== 'get')) return false;
  const callee = unwrap(made.callee);
  const imp = ctx.importOf(path[0] as string, unwrap(callee?.object) as Node);
  return imp !== undefined && HTTP_MODULES.has(imp.source);
}

/** The call answers the invocation without waiting: `context.succeed()`, or a callback once the wait is off. */
function answersAtOnce(call: Node, noWait: boolean): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type === 'MemberExpression')
    return CONTEXT_ANSWERS.has(calleeName(call) ?? '') && unwrap(callee.object)?.type === 'Identifier';
  // A plain `callback(...)` / `cb(...)` / `done(...)` only when the module turned the event-loop wait off.
  return noWait && callee?.type === 'Identifier' && /^(callback|cb|done|next)$/.test(callee.name as string);
}

/**
 * The statement answers Lambda right after an earlier statement of the same block ended a Node
 * ClientRequest (`req.end()`): the request is still being sent or answered when the invocation ends.
 *
 * @example
 * answersBeforeRequest(ctx, stmt, false) // `req.end(); context.succeed();` -> true
 */
export function answersBeforeRequest(ctx: ModuleContext, stmt: Node, noWait: boolean): boolean {
  const call = unwrap(stmt.expression);
  if (call?.type !== 'CallExpression' || !answersAtOnce(call, noWait)) return false;
  const block = ctx.parentOf(stmt);
  if (block?.type !== 'BlockStatement') return false;
  const siblings = block.body as Node[];
  for (const earlier of siblings.slice(0, siblings.indexOf(stmt))) {
    const e = unwrap(earlier.expression as Node | undefined);
    if (e?.type !== 'CallExpression' || calleeName(e) !== 'end') continue;
    const callee = unwrap(e.callee);
    if (callee?.type === 'MemberExpression' && isClientRequest(ctx, callee.object as Node)) return true;
  }
  return false;
}

/** A call that answers a callback-era invocation: the callback, or `context.succeed`/`done`/`fail`. */
const ANSWER = /\b(?:callback|cb)\s*\(|\bcontext\.(?:succeed|done|fail)\s*\(/;

/**
 * A promise chain whose own handlers give the invocation's answer, directly or through a function of the
 * module (`.then(() => finalizeContext())` where `finalizeContext` calls `context.succeed()`), in a module
 * whose handlers are all callback-era (not async): the invocation ends only when the chain settles, so
 * nothing floats. An async handler answers with its returned promise instead, and is not excused.
 *
 * @example
 * chainAnswers(ctx, call) // `send(x).then(() => done()).catch(() => done())`, done calls callback -> true
 */
export function chainAnswers(ctx: ModuleContext, stmt: Node, call: Node): boolean {
  const entries = [...ctx.handlers].filter(([, kind]) => kind === 'entry').map(([fn]) => fn);
  if (entries.length === 0 || entries.some((fn) => fn.async === true)) return false;
  // `chain.catch(() => respond('FAILED')); respond('SUCCESS');`: the answer comes before the chain settles.
  const block = ctx.parentOf(stmt);
  const siblings = block?.type === 'BlockStatement' ? (block.body as Node[]) : [];
  if (siblings.slice(siblings.indexOf(stmt) + 1).some((later) => answersIn(ctx, later))) return false;
  for (let c: Node | undefined = call; c?.type === 'CallExpression'; ) {
    const name = calleeName(c);
    if (name === 'then' || name === 'catch' || name === 'finally')
      for (const arg of c.arguments as Node[]) {
        const a = unwrap(arg);
        const fn = isFunction(a)
          ? a
          : a?.type === 'Identifier'
            ? localFunction(ctx, a.name as string, a)
            : undefined;
        if (fn !== undefined && answersIn(ctx, fn)) return true;
      }
    const callee = unwrap(c.callee);
    c = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  }
  return false;
}

/**
 * cfn-response's `send(event, context, status)` answers too: it PUTs the custom resource's response and
 * then calls `context.done`, so a chain whose handlers call it ends the invocation when it settles.
 */
function cfnResponseAnswer(ctx: ModuleContext): RegExp | undefined {
  const names = [...ctx.imports].filter(([, imp]) => imp.source === 'cfn-response').map(([name]) => name);
  return names.length === 0
    ? undefined
    : new RegExp(`(?<![\\w$.])(?:${names.map(escapeRegExp).join('|')})\\.send\\s*\\(`);
}

/** The node's text answers the invocation, or calls a function of the module that does. */
function answersIn(ctx: ModuleContext, fn: Node): boolean {
  const text = ctx.source.slice(fn.start, fn.end);
  if (ANSWER.test(text) || cfnResponseAnswer(ctx)?.test(text) === true) return true;
  for (const m of text.matchAll(/\b([A-Za-z_$][\w$]*)\s*\(/g)) {
    const local = localFunction(ctx, m[1] as string, fn);
    if (local !== undefined && local !== fn && ANSWER.test(ctx.source.slice(local.start, local.end)))
      return true;
  }
  return false;
}

/** The function a name of the module stands for at `at`, `var finalize = function () {}` included. */
function localFunction(ctx: ModuleContext, name: string, at: Node): Node | undefined {
  const b = ctx.resolve(name, at);
  const value = b?.kind === 'function' ? b.declaration : b?.kind === 'param' ? undefined : unwrap(b?.init);
  return isFunction(value) ? value : undefined;
}

/**
 * A callback-style handler (`(event, context, callback) => ...`, not async) answers Lambda by calling its
 * callback, and Lambda then waits for the event loop to drain before it freezes (the runtime's default,
 * `callbackWaitsForEmptyEventLoop`): work left unawaited still finishes, and a rejection fails the
 * invocation as unhandled. Once the module turns that wait off, only a chain that calls the callback in its
 * own handlers (`umzug.up().then(() => callback(null, 'ok'), ...)`) is the handler's answer.
 */
export function answersThroughCallback(ctx: ModuleContext, stmt: Node): boolean {
  for (let fn = ctx.enclosingFunction(stmt); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    if (ctx.handlers.get(fn) !== 'entry') continue;
    const callback = (fn.params as Node[])[2];
    if (fn.async === true || callback?.type !== 'Identifier') return false;
    const calls = new RegExp(`\\b${(callback.name as string).replace(/[$]/g, '\\$')}\\s*\\(`);
    if (!calls.test(ctx.source.slice(fn.start, fn.end))) return false;
    if (!NO_WAIT.test(ctx.source)) return true;
    return calls.test(ctx.source.slice(stmt.start, stmt.end));
  }
  return false;
}

/** The module stops Lambda waiting for the event loop after the callback (by hand or through middy). */
export const NO_WAIT = /callbackWaitsForEmptyEventLoop\s*=\s*false|do-not-wait-for-empty-event-loop/;

/**
 * Does every entry handler of the module answer through its callback, with Lambda still waiting for the
 * event loop (callback-era code: not async, calling its third parameter, no `callbackWaitsForEmptyEventLoop =
 * false`)? Then work a function the handler reaches leaves unawaited finishes too, in this module or in a
 * helper module it calls (the project pass reads this as the module fact `callbackWaits`).
 * @example
 * waitsForEventLoop(ctx) // function handler(event, context, cb) { work(event).then(() => cb(null, 'ok')) } -> true
 */
export function waitsForEventLoop(ctx: ModuleContext): boolean {
  if (NO_WAIT.test(ctx.source)) return false;
  const entries = [...ctx.handlers].filter(([, kind]) => kind === 'entry').map(([fn]) => fn);
  return (
    entries.length > 0 &&
    entries.every((fn) => {
      const callback = (fn.params as Node[])[2];
      if (fn.async === true || callback?.type !== 'Identifier') return false;
      return new RegExp(`\\b${(callback.name as string).replace(/[$]/g, '\\$')}\\s*\\(`).test(
        ctx.source.slice(fn.start, fn.end),
      );
    })
  );
}

/** The statement runs in a callback-style invocation: in its handler (answersThroughCallback) or a helper of a module whose handlers all wait. */
export function runsUntilLoopDrains(ctx: ModuleContext, stmt: Node): boolean {
  return (
    answersThroughCallback(ctx, stmt) || (ctx.handlerKindAt(stmt) === 'helper' && waitsForEventLoop(ctx))
  );
}
