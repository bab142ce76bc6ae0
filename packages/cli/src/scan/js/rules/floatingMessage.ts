// What a floating-promise finding on a statement says: the shape of the dropped work (a per-item callback,
// a combinator, a timer, an emitted event, a plain call) decides why it floats.
import { calleeName, memberPath, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { asyncErrFirstCallback } from './errFirstAsync.js';
import { importedMapCall, unawaitedGroup } from './floatingShapes.js';
import { libraryEachOfAsync } from './libraryEach.js';
import { inExecutor } from './promiseExecutor.js';

/**
 * The message for a call left floating as a statement (`voided` when written `void call()`, `awaited`
 * when written `await items.forEach(...)`, an await of nothing).
 *
 * @example
 * floatingMessage(ctx, call, false) // 'files.map(async ...) starts one promise per item and none is awaited: ...'
 */
export function floatingMessage(ctx: ModuleContext, call: Node, voided: boolean, awaited = false): string {
  const what = memberPath(call.callee)?.join('.') ?? 'call';
  if (libraryEachOfAsync(ctx, call))
    return `${what}(items, async ...) calls the callback per item and drops its promise: the handler returns before the work finishes, and its failures are never seen`;
  if (calleeName(call) === 'forEach' && awaited)
    return 'await on forEach(async ...) waits for nothing: forEach answers undefined, so the handler goes on (and may answer) before the callbacks finish, and their failures are never seen';
  if (calleeName(call) === 'forEach')
    return 'forEach(async ...) does not wait: the handler returns before the records are processed';
  if (asyncErrFirstCallback(ctx, call))
    return `${what}(..., async (err) => ...) calls back the Node way and drops the callback's promise: its work outlives the caller, and a rejection in it is unhandled (the request it should answer is never answered)`;
  const group = unawaitedGroup(ctx, call);
  if (group === 'combinator')
    return `${what}(...) is not awaited: the handler goes on and may return while its promises still run, and their failures are never seen`;
  const mapped = group === undefined ? importedMapCall(ctx, call) : undefined;
  if (mapped !== undefined)
    return `${what}(... => ${mapped.name}(...)) starts one ${mapped.name} per item and none is awaited: the handler may return before they finish, and their failures are never seen`;
  if (group === 'map')
    return `${what}(async ...) starts one promise per item and none is awaited: the handler may return before they finish, and their failures are never seen`;
  if (/^set(Timeout|Interval|Immediate)$/.test(what))
    return `${what}(...) schedules async work nobody awaits: it runs during a later invocation or after a thaw, may be frozen mid-flight, and its failure is never seen`;
  if (calleeName(call) === 'emit')
    return `${what}(...) hands the event to an async listener without waiting: the listener's work runs after this returns, and its failure is never seen`;
  if (inExecutor(ctx, call))
    return `${what}(...) is started inside a new Promise executor and its promise dropped: a rejection there is unhandled, and the promise the caller awaits never settles (the invocation hangs to its timeout)`;
  return `${voided ? 'void ' : ''}${what}(...) is not awaited: Lambda may freeze before it finishes`;
}
