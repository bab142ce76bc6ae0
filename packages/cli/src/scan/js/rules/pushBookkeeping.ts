// What a live push to WebSocket clients does around the pushes themselves (livePush.ts): it reads the
// connections to push to from a cache set (`smembers`) and, when a push answers that its connection is
// gone, removes that connection from the set. Neither is the work: a failed read leaves the screens a tick
// behind, a failed removal leaves a stale entry that the next push finds gone again. Unless the push is
// what the handler is for: bestEffortCatch.ts asks that for every side channel.
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Cache reads that list what to push to: a Redis set, hash or list read (ioredis `smembers`, node-redis `sMembers`). */
const CACHE_READ = /^(smembers|sscan|hgetall|hkeys|hvals|lrange|zrange|zrangebyscore)$/i;
/** Removals of one member or key (ioredis `srem`, node-redis `sRem`). */
const REMOVAL = /^(srem|hdel|zrem|lrem|del|delete|deleteItem|remove|removeConnection|deleteConnection)$/i;

/**
 * The call runs only on a tested answer: under an `if` (`if (!ok) ...`) or in a catch (a GoneException),
 * within its own function. A removal on the straight path is not the push's bookkeeping but work of its own.
 */
function onTestedAnswer(ctx: ModuleContext, call: Node): boolean {
  for (let at: Node = call, p = ctx.parentOf(call); p !== undefined; at = p, p = ctx.parentOf(p)) {
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.test !== at) return true;
    if (p.type === 'CatchClause') return true;
    if (FUNCTIONS.has(p.type) || p.type === 'TryStatement') return false;
  }
  return false;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * The call reads a cache structure that lists connections (`await cache.smembers(key)`).
 *
 * @example cacheRead(call) // cache.smembers(`ws:user:${id}`) -> true
 */
export function cacheRead(call: Node): boolean {
  return CACHE_READ.test(calleeName(call) ?? '');
}

/**
 * The call removes the connection a push of the same callback was sent to, on a tested answer: one of its
 * arguments is the identifier the push received (`if (!ok) await cache.srem(key, connectionId)`).
 *
 * @example staleRemoval(ctx, call, new Set(['connectionId'])) // if (!ok) cache.srem(key, connectionId) -> true
 */
export function staleRemoval(ctx: ModuleContext, call: Node, pushedTo: ReadonlySet<string>): boolean {
  if (!REMOVAL.test(calleeName(call) ?? '') || !onTestedAnswer(ctx, call)) return false;
  return (call.arguments as Node[]).some((a) => {
    const arg = unwrap(a);
    return arg?.type === 'Identifier' && pushedTo.has(arg.name as string);
  });
}
