// Which functions are event listeners: handed straight to `emitter.on('event', fn)` or its kin. Node's
// EventEmitter calls each listener and drops what it returns (Node events docs), so whatever a listener
// starts is tied to the emitter's life, not to the function that subscribed it.
import { calleeName, type Node, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { LISTENER_EVENTS } from './asyncListeners.js';

const SUBSCRIBE = /^(on|once|addListener|prependListener|prependOnceListener)$/;
const LIFECYCLE: ReadonlySet<string> = new Set(LISTENER_EVENTS);

/** Where a listener is subscribed: the subscribing call, the event name it spells and the emitter. */
export interface Subscription {
  /** The subscribing call: `stream.on('data', fn)`. */
  readonly call: Node;
  /** The event name its first argument spells: `data`. */
  readonly event: string;
  /** The receiver of `.on(...)`: `stream` of `stream.on('data', fn)`. */
  readonly emitter: Node;
}

/**
 * The subscription `fn` is the listener of, when it is handed directly to one with a literal event name.
 *
 * @example
 * subscriptionOf(ctx, fn) // page.on('request', fn) -> { event: 'request', emitter: page, call }
 */
export function subscriptionOf(ctx: ModuleContext, fn: Node): Subscription | undefined {
  const call = ctx.parentOf(fn);
  if (call?.type !== 'CallExpression' || !SUBSCRIBE.test(calleeName(call) ?? '')) return undefined;
  const args = call.arguments as Node[];
  if (args.length < 2 || !args.slice(1).includes(fn)) return undefined;
  const event = stringValue(args[0]);
  const callee = unwrap(call.callee);
  if (event === undefined || event.includes('\u0024{}') || callee?.type !== 'MemberExpression')
    return undefined;
  const emitter = unwrap(callee.object);
  return emitter === undefined ? undefined : { call, event, emitter };
}

/**
 * A stream or child-process lifecycle event (`data`, `end`, `finish`, `close`, `error`): the handler
 * waits on the stream's end, so work a listener leaves running outlives that wait (asyncListeners.ts).
 */
export function isLifecycleEvent(event: string): boolean {
  return LIFECYCLE.has(event);
}
