// A promise started inside a listener of a stream (or any emitter) that it feeds: `stream.on('newListener',
// () => { initDownloadStream(bucket, key, stream).catch(...) })` of a lazily opened PassThrough. The
// listener's return value is ignored by EventEmitter, so the chain is not awaited; but the work is handed
// the very emitter it listens on and produces into it, and whoever reads that stream waits for its end or
// its error: a Readable ends only when its producer pushes null, ends or destroys it (Node stream docs).
// So the work is awaited through the stream, not left behind.
// Also a chain a plain (non-async) listener starts and ends in its own rejection handler:
// `page.on('request', (r) => { r.continue().catch(log) })`. The listener has nothing to hand the chain to
// (awaiting it would take an async listener, whose promise the emitter drops the same way), and with its
// rejection handled (its callback reads the error) nothing at the call goes unseen: when the work runs is
// the emitter's business. Left to the rule: the stream lifecycle events, where the handler waits on the stream's end and work a listener
// leaves running outlives that wait; an async listener (a webhook router or a bot framework awaits its
// listeners, so an un-awaited chain there floats past the wait); a chain with no rejection handler.
import {
  calleeName,
  isFunction,
  type Node,
  propertyName,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLifecycleEvent, type Subscription, subscriptionOf } from './emitterSubscription.js';

const SUBSCRIBE = /^(on|once|addListener|prependListener|prependOnceListener)$/;
/** A rejection callback named so drops the error unread. */
const DROPS = /^(undefined|noop)$/;

/** The innermost call of a chain: `work(a)` of `work(a).then(f).catch(g)`. */
function chainRoot(call: Node): Node {
  let c = call;
  for (;;) {
    const callee = unwrap(c.callee);
    const object = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    if (object?.type !== 'CallExpression' || !/^(then|catch|finally)$/.test(calleeName(c) ?? '')) return c;
    c = object;
  }
}

/**
 * The rejection callback reads the error it is given: a named function (`console.error`, `report`; not a
 * `noop`, `_.noop` or `undefined`) or a function whose body reads its first parameter as a value. A field
 * or key of that name (`log(ctx.e)`, `{ e: 1 }`) is not a read, and `.catch(() => undefined)` drops it.
 */
function readsError(ctx: ModuleContext, callback: Node | undefined): boolean {
  const fn = unwrap(callback);
  if (fn?.type === 'Identifier') return !DROPS.test(fn.name as string);
  if (fn?.type === 'MemberExpression')
    return !DROPS.test(propertyName(fn.property, fn.computed === true) ?? '');
  if (fn === undefined || !isFunction(fn)) return false;
  const param = unwrap((fn.params as Node[])[0]);
  if (param?.type !== 'Identifier') return false;
  return someDescendant(
    fn.body as Node,
    (n) => n.type === 'Identifier' && n.name === param.name && !namesField(ctx, n),
  );
}

/** `n` names a field or key (`x.e`, `{ e: 1 }`), not the variable of that name. */
function namesField(ctx: ModuleContext, n: Node): boolean {
  const parent = ctx.parentOf(n);
  if (parent?.type === 'MemberExpression') return parent.property === n && parent.computed !== true;
  if (parent?.type === 'Property')
    return parent.key === n && parent.computed !== true && parent.shorthand !== true;
  return false;
}

/** The call ends a chain whose rejection callback reads the error: `.catch(log)`, `.then(ok, (e) => report(e))`. */
function handlesRejection(ctx: ModuleContext, call: Node): boolean {
  const name = calleeName(call);
  const args = call.arguments as Node[];
  if (unwrap(call.callee)?.type !== 'MemberExpression') return false;
  return (name === 'catch' && readsError(ctx, args[0])) || (name === 'then' && readsError(ctx, args[1]));
}

/**
 * The statement's call runs in a listener subscribed on `emitter` and is handed that same emitter
 * (`stream.on(..., () => fill(stream).catch(...))`): it feeds the stream its reader waits on.
 *
 * @example
 * feedsListenedStream(ctx, stmt, call) // stream.on('newListener', () => { init(b, k, stream).then(...) }) -> true
 */
function feedsListenedStream(ctx: ModuleContext, stmt: Node, call: Node): boolean {
  const listener = ctx.enclosingFunction(stmt);
  const subscribe = listener === undefined ? undefined : ctx.parentOf(listener);
  if (subscribe?.type !== 'CallExpression' || !SUBSCRIBE.test(calleeName(subscribe) ?? '')) return false;
  if (!(subscribe.arguments as Node[]).includes(listener as Node)) return false;
  const emitter = unwrap(unwrap(subscribe.callee)?.object);
  if (emitter?.type !== 'Identifier') return false;
  return (chainRoot(call).arguments as Node[]).some((a) => {
    const arg = unwrap(a);
    return arg?.type === 'Identifier' && arg.name === emitter.name;
  });
}

/**
 * The statement's chain is left to the emitter a listener serves: it feeds the stream the listener is
 * subscribed on, or a plain listener of an event other than a stream's lifecycle starts it and handles its
 * rejection.
 *
 * @example
 * listenerOwnsWork(ctx, stmt, call) // page.on('request', (r) => { r.continue().catch(log) }) -> true
 * listenerOwnsWork(ctx, stmt, call) // s.on('data', (k) => { pipeline.exec() }) -> false
 */
export function listenerOwnsWork(ctx: ModuleContext, stmt: Node, call: Node): boolean {
  if (feedsListenedStream(ctx, stmt, call)) return true;
  if (!handlesRejection(ctx, call)) return false;
  const listener = ctx.enclosingFunction(stmt);
  if (listener === undefined || listener.async === true) return false;
  const subscription = subscriptionOf(ctx, listener);
  if (subscription === undefined || isLifecycleEvent(subscription.event)) return false;
  return !waitsOnEmitterEnd(ctx, subscription);
}

/** waitsOnEmitterEnd's answer per subscribing function and emitter name: one walk of the function's body each. */
const waits = new WeakMap<Node, Map<string, boolean>>();
const END_EVENTS = /^(end|close|finish)$/;

/**
 * The function that subscribes also waits on that emitter's end (`once(rl, 'close')`, `finished(rl)`,
 * `rl.on('close', resolve)`): a readline's 'line' listener is then a stream's listener like 'data', and
 * its chain outlives the wait.
 */
function waitsOnEmitterEnd(ctx: ModuleContext, subscription: Subscription): boolean {
  const name = subscription.emitter.type === 'Identifier' ? (subscription.emitter.name as string) : undefined;
  const scope = ctx.enclosingFunction(subscription.call);
  if (name === undefined || scope === undefined) return false;
  // Remembered per function and emitter name, not per subscription: a function of thousands of `on(...)`
  // calls on one emitter walks its body once (the answer depends only on the two).
  let byName = waits.get(scope);
  if (byName === undefined) {
    byName = new Map();
    waits.set(scope, byName);
  }
  let answer = byName.get(name);
  if (answer === undefined) {
    answer = someDescendant(scope.body as Node, (n) => n.type === 'CallExpression' && waitsOn(n, name));
    byName.set(name, answer);
  }
  return answer;
}

/** `call` waits for the end of the emitter named `name`. */
function waitsOn(call: Node, name: string): boolean {
  const args = call.arguments as Node[];
  const callee = unwrap(call.callee);
  const fn = calleeName(call) ?? '';
  if (callee?.type === 'MemberExpression' && unwrap(callee.object)?.type === 'Identifier') {
    const object = unwrap(callee.object) as Node;
    if (object.name === name) return SUBSCRIBE.test(fn) && END_EVENTS.test(stringValue(args[0]) ?? '');
  }
  const first = unwrap(args[0]);
  return /^(once|finished)$/.test(fn) && first?.type === 'Identifier' && first.name === name;
}
