// An async listener on a stream or child-process lifecycle event that awaits work:
// `child.stdout.on('data', async (d) => { await log.add(d) })`, `res.on('finish', async () => { await close() })`.
// EventEmitter calls a listener and drops what it returns (Node events docs: an async listener's promise is
// not awaited, its rejection is unhandled), so the awaited work runs beside the handler: the handler can
// answer and Lambda freezes the environment while it is in flight. floating.ts sees only statements whose
// own value is a promise; the subscription's value is the emitter, so this shape needs its own pass.
// Silent on: a listener whose promise is settled when it returns (settledAsync.ts: it awaits nothing,
// returns nothing pending, throws nothing), one that settles an enclosing `new Promise` executor (the
// caller awaits that promise, so it waits for the listener), events other than the stream lifecycle ones
// (a webhook router's `on('push', ...)` or an Octokit app awaits its listeners), an Emittery emitter
// (its `emit` awaits them), and code no handler reaches.
import { calleeName, forEachDescendant, isFunction, type Node, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';
import { routeWork } from './routeHandlers.js';
import { settledOnReturn } from './settledAsync.js';

/** The subscribing methods and the stream/child-process events judged (the rule gate tests the same shape). */
export const LISTENER_METHODS = ['on', 'once', 'addListener'] as const;
// Events of Readable/Writable streams and child processes: the emitter calls its listeners synchronously.
export const LISTENER_EVENTS = ['data', 'end', 'finish', 'close', 'error'] as const;
const SUBSCRIBE = new RegExp(`^(${LISTENER_METHODS.join('|')})$`);
const STREAM_EVENTS = new RegExp(`^(${LISTENER_EVENTS.join('|')})$`);

/** `id` is a reference (not a member name or an object key) bound to `param` of `executor`. */
function refersTo(ctx: ModuleContext, id: Node, executor: Node): boolean {
  const parent = ctx.parentOf(id);
  if (parent?.type === 'MemberExpression' && parent.property === id && parent.computed !== true) return false;
  if (
    parent?.type === 'Property' &&
    parent.key === id &&
    parent.computed !== true &&
    parent.shorthand !== true
  )
    return false;
  const b = ctx.resolve(id.name as string, id);
  return b?.kind === 'param' && b.scope === executor;
}

/**
 * `fn` names one of the executor's own parameters by binding (so `path.resolve` or a module helper's own
 * `resolve` is not it), itself or through a function declared inside the executor that it calls (a closure
 * over the settle function: `await processError(data)` that ends in `reject(e)`).
 */
function namesSettler(ctx: ModuleContext, fn: Node, executor: Node, seen: Set<Node>): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  let found = false;
  forEachDescendant(fn, (n) => {
    if (found) return false;
    if (n.type === 'Identifier' && refersTo(ctx, n, executor)) found = true;
    if (n.type === 'CallExpression' && unwrap(n.callee)?.type === 'Identifier') {
      const callee = ctx.functionOf(unwrap(n.callee));
      // Only a closure inside the executor can hold its parameters; a module helper's `resolve` is its own.
      if (callee !== undefined && callee.start >= executor.start && callee.end <= executor.end)
        found = namesSettler(ctx, callee, executor, seen);
    }
    return !found;
  });
  return found;
}

/**
 * The listener sits inside a `new Promise((resolve, reject) => ...)` executor and refers to one of its
 * settle parameters, itself or through a closure it calls: the promise the caller awaits settles from the
 * listener, so its work is waited for.
 */
function settlesEnclosingExecutor(ctx: ModuleContext, listener: Node): boolean {
  for (let fn = ctx.enclosingFunction(listener); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const parent = ctx.parentOf(fn);
    if (parent?.type !== 'NewExpression' || unwrap(parent.callee)?.name !== 'Promise') continue;
    if (namesSettler(ctx, listener, fn, new Set())) return true;
  }
  return false;
}

/** The receiver was made by `new Emittery()`: its `emit` awaits every listener, so none floats. */
function awaitingEmitter(ctx: ModuleContext, call: Node): boolean {
  let receiver = unwrap(unwrap(call.callee)?.object as Node | undefined);
  while (receiver?.type === 'MemberExpression') receiver = unwrap(receiver.object as Node);
  const made = ctx.valueOf(receiver);
  return made?.type === 'NewExpression' && unwrap(made.callee as Node)?.name === 'Emittery';
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
    // The same line forEach(async) draws (settledAsync.ts): a body that awaits, returns a pending value or throws.
    if (settledOnReturn(listener) || settlesEnclosingExecutor(ctx, listener)) continue;
    if (awaitingEmitter(ctx, call)) continue;
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
