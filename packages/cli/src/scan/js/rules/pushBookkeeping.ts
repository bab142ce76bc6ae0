// What a live push to WebSocket clients does around the pushes themselves (livePush.ts): it reads the
// connections to push to from a cache set (`smembers`) and, when a push answers that its connection is
// gone, removes that connection from the set. Neither is the work: a failed read leaves the screens a tick
// behind, a failed removal leaves a stale entry that the next push finds gone again. Unless the push is
// all the handler does: then it is the work.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Cache reads that list what to push to: a Redis set, hash or list read. */
const CACHE_READ = /^(smembers|sscan|hgetall|hkeys|hvals|lrange|zrange|zrangebyscore)$/;
/** Removals of one member or key. */
const REMOVAL = /^(srem|hdel|zrem|lrem|del|delete|deleteItem|remove|removeConnection|deleteConnection)$/;

/**
 * The call reads a cache structure that lists connections (`await cache.smembers(key)`).
 *
 * @example cacheRead(call) // cache.smembers(`ws:user:${id}`) -> true
 */
export function cacheRead(call: Node): boolean {
  return CACHE_READ.test(calleeName(call) ?? '');
}

/**
 * The call removes the connection a push of the same callback was sent to: one of its arguments is the
 * identifier the push received (`if (!ok) await cache.srem(key, connectionId)`), bookkeeping of the push.
 *
 * @example staleRemoval(call, new Set(['connectionId'])) // cache.srem(key, connectionId) -> true
 */
export function staleRemoval(call: Node, pushedTo: ReadonlySet<string>): boolean {
  if (!REMOVAL.test(calleeName(call) ?? '')) return false;
  return (call.arguments as Node[]).some((a) => {
    const arg = unwrap(a);
    return arg?.type === 'Identifier' && pushedTo.has(arg.name as string);
  });
}

/**
 * The try is all an entry handler does: the only statement of its body that awaits anything. Then the push
 * is the invocation's work (a stream consumer that delivers stored notifications), not a screen update
 * after it, and a catch that answers success hides the whole run from the retry.
 *
 * @example wholeHandlerRun(ctx, tryStatement) // export const handler = async (e) => { try { ...push... } catch { return ok } }
 */
export function wholeHandlerRun(ctx: ModuleContext, tryStatement: Node): boolean {
  const body = ctx.parentOf(tryStatement);
  const fn = body === undefined ? undefined : ctx.parentOf(body);
  if (body?.type !== 'BlockStatement' || fn === undefined || fn.body !== body) return false;
  if (ctx.handlers.get(fn) !== 'entry') return false;
  return (body.body as Node[]).every(
    (st) => st === tryStatement || !someDescendant(st, (n) => n.type === 'AwaitExpression'),
  );
}
