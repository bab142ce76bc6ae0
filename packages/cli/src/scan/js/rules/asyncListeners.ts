// An async listener on a stream or child-process lifecycle event that awaits work:
// `child.stdout.on('data', async (d) => { await log.add(d) })`, `res.on('finish', async () => { await close() })`.
// EventEmitter calls a listener and drops what it returns (Node events docs: an async listener's promise is
// not awaited, its rejection is unhandled), so the awaited work runs beside the handler: the handler can
// answer and Lambda freezes the environment while it is in flight. floating.ts sees only statements whose
// own value is a promise; the subscription's value is the emitter, so this shape needs its own pass.
// Silent on: a listener that awaits nothing, one that settles an enclosing `new Promise` executor (the
// caller awaits that promise, so it waits for the listener), events other than the stream lifecycle ones
// (a webhook router's `on('push', ...)` or an Octokit app awaits its listeners), and code no handler reaches.
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';
import { routeWork } from './routeHandlers.js';

const SUBSCRIBE = /^(on|once|addListener)$/;
// Events of Readable/Writable streams and child processes: the emitter calls its listeners synchronously.
const STREAM_EVENTS = /^(data|end|finish|close|error)$/;

/** Whether `fn`'s own body (not a nested function's) contains an `await`. */
function awaitsInBody(fn: Node): boolean {
  let found = false;
  const visit = (n: unknown, top: boolean): void => {
    if (found || n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const c of n) visit(c, false);
      return;
    }
    const node = n as Node;
    if (typeof node.type !== 'string') return;
    if (!top && isFunction(node)) return;
    if (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await === true)) {
      found = true;
      return;
    }
    for (const [key, value] of Object.entries(node))
      if (key !== 'parent' && value !== null && typeof value === 'object') visit(value, false);
  };
  visit(fn.body, false);
  return found;
}

/**
 * The listener sits inside a `new Promise((resolve, reject) => ...)` executor and names one of its
 * settle functions, itself or through a local function it calls: the promise the caller awaits settles from the listener, so its work is waited for.
 */
function settlesEnclosingExecutor(ctx: ModuleContext, listener: Node): boolean {
  // A local function the listener calls (`await processError(data)` that ends in `reject(e)`) settles it too.
  const called = ctx
    .of('CallExpression')
    .filter(
      (c) => c.start >= listener.start && c.end <= listener.end && unwrap(c.callee)?.type === 'Identifier',
    )
    .flatMap((c) => {
      const fn = ctx.functionOf(unwrap(c.callee) as Node);
      return fn === undefined ? [] : [ctx.source.slice(fn.start, fn.end)];
    });
  const text = [ctx.source.slice(listener.start, listener.end), ...called].join('\n');
  for (let fn = ctx.enclosingFunction(listener); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const parent = ctx.parentOf(fn);
    if (parent?.type !== 'NewExpression' || unwrap(parent.callee)?.name !== 'Promise') continue;
    const names = (fn.params as Node[]).flatMap((p) => (p.type === 'Identifier' ? [p.name as string] : []));
    if (names.some((n) => new RegExp(`\\b${n.replace(/[$]/g, '\\$')}\\b`).test(text))) return true;
  }
  return false;
}

/**
 * Each `x.on('<stream event>', async (...) => { await ... })` subscription whose listener's promise nobody
 * awaits. Yields the subscription call and its listener.
 *
 * @example
 * asyncStreamListeners(ctx) // child.stdout.on('data', async (d) => { await addLog(d) }) -> [{ call, listener }]
 */
export function asyncStreamListeners(ctx: ModuleContext): { call: Node; listener: Node }[] {
  if (!ctx.spells('async')) return [];
  const found: { call: Node; listener: Node }[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (!SUBSCRIBE.test(calleeName(call) ?? '') || unwrap(call.callee)?.type !== 'MemberExpression') continue;
    const [event, listener] = (call.arguments as Node[]).map((a) => unwrap(a));
    if (event?.type !== 'Literal' || typeof event.value !== 'string' || !STREAM_EVENTS.test(event.value))
      continue;
    if (listener === undefined || !isFunction(listener) || listener.async !== true) continue;
    if (!awaitsInBody(listener) || settlesEnclosingExecutor(ctx, listener)) continue;
    found.push({ call, listener });
  }
  return found;
}

/** The statement holding `node`: where routeWork asks whether a route runs it. */
function statementOf(ctx: ModuleContext, node: Node): Node {
  let n = node;
  for (let p = ctx.parentOf(n); p !== undefined && !/Statement$/.test(n.type); p = ctx.parentOf(n)) n = p;
  return n;
}

/**
 * floating-promise for async stream listeners on a handler's path (see the head of this file).
 *
 * @example
 * asyncListenerRule(ctx, report) // res.on('finish', async () => { await closeConnection() }) in a served route -> reported
 */
export function asyncListenerRule(ctx: ModuleContext, report: Report): void {
  const helper = ctx.handlers.size === 0;
  for (const { call } of asyncStreamListeners(ctx)) {
    const stmt = statementOf(ctx, call);
    const runs = routeWork(ctx, stmt);
    if (!helper && !runs && ctx.handlerKindAt(call) === undefined) continue;
    const reaching = helper && !runs ? exportsReaching(ctx, call, true) : undefined;
    if (reaching?.length === 0) continue;
    const callee = unwrap(call.callee);
    const event = (call.arguments as Node[])[0];
    report(
      'floating-promise',
      (callee?.property as Node | undefined) ?? call,
      `async listener of '${String(event?.value)}' awaits work that nobody awaits: the emitter drops the listener's promise, so the handler can return and freeze with it in flight, and its rejection is unhandled`,
      reaching === undefined ? {} : { onlyIfExportOnHandlerPath: reaching },
    );
  }
}
