// Who hands a batch API's answer on: a module-local helper whose callers drop what it returns, and the
// exported function that returns a private helper's answer as its own (partialBatch.ts asks both).
import { type Node, unwrap } from '../ast.js';
import { isExported } from '../isExported.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The batch is sent by a module-local helper that returns the result (`return await client.send(...)`),
 * not exported, and every call of the helper discards what it returns (`await putEvents(payload);`).
 * @example
 * callersDiscard(ctx, sendCall) // true when `async function put(p) { return client.send(...) }` is only awaited as a statement
 */
export function callersDiscard(ctx: ModuleContext, at: Node): boolean {
  return discardedByCallers(ctx, ctx.enclosingFunction(at));
}

/**
 * `fn` is module-local and every call of it discards what it returns (awaited or not, as a statement);
 * false when nothing calls it.
 * @example
 * discardedByCallers(ctx, putEvents) // true when every `putEvents(...)` stands alone as `await putEvents(p);`
 */
export function discardedByCallers(ctx: ModuleContext, fn: Node | undefined): boolean {
  if (fn === undefined || isExported(ctx, fn)) return false;
  let calls = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier' || ctx.functionOf(callee) !== fn) continue;
    calls++;
    const { parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    if (parent?.type !== 'ExpressionStatement') return false;
  }
  return calls > 0;
}

/**
 * The exported function that hands back what `fn` returns: `fn` itself, or the one exported function whose
 * every call of a module-local `fn` is its own answer (`export function putEvent(...) { log(); return
 * putEventRequest(...) }`), one step deep, as a module keeps the SDK call in a private helper.
 * @example
 * exportedOwner(ctx, privateHelper) // the exported `putEvent` that returns `putEventRequest(...)`
 */
export function exportedOwner(ctx: ModuleContext, fn: Node | undefined): Node | undefined {
  if (fn === undefined || isExported(ctx, fn)) return fn;
  let owner: Node | undefined;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier' || ctx.functionOf(callee) !== fn) continue;
    const { node, parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    const caller = ctx.enclosingFunction(call);
    const returned = parent?.type === 'ReturnStatement' || (caller !== undefined && caller.body === node);
    if (!returned || caller === undefined || (owner !== undefined && owner !== caller)) return undefined;
    owner = caller;
  }
  return owner !== undefined && isExported(ctx, owner) ? owner : undefined;
}
