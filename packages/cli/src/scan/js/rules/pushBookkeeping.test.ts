// What a live push does around its pushes: a cache read that lists the connections, and the removal of a
// connection a push was sent to; any other removal is judged as a write.
import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf, firstOfType } from '../testing/parsed.js';
import { cacheRead, staleRemoval } from './pushBookkeeping.js';

describe('cacheRead', () => {
  it.each([
    ['cache.smembers(key)', true],
    ['redis.sMembers(key)', true],
    ['redis.hgetall(`ws:\u0024{id}`)', true],
    ['cache.set(key, 1)', false],
  ])('%s -> %s', (source, expected) => {
    // Act
    const read = cacheRead(firstOfType(source, 'CallExpression'));

    // Assess
    expect(read).toBe(expected);
  });
});

describe('staleRemoval', () => {
  const pushedTo = new Set(['connectionId']);

  it.each([
    ['if (!ok) await cache.srem(key, connectionId);', true],
    ['if (!ok) await redis.sRem(key, connectionId);', true],
    ['try { await push(connectionId); } catch (e) { await connections.delete(connectionId); }', true],
    // On the straight path the removal is work of its own (a cart emptied after the notice).
    ['await carts.del(connectionId);', false],
    // A removal of something else is a write, not the push's bookkeeping.
    ['if (!ok) await cache.del(`unread:\u0024{userId}`);', false],
    ['if (!ok) await cache.srem(key, otherId);', false],
    // Not a removal.
    ['if (!ok) await cache.sadd(key, connectionId);', false],
  ])('%s -> %s', (source, expected) => {
    // Prepare
    const ctx = contextOf(`async function f(ok, key) { ${source} }`);
    const call = ctx.of('CallExpression').find((c) => calleeName(c) !== 'push') as Node;

    // Act
    const removal = staleRemoval(ctx, call, pushedTo);

    // Assess
    expect(removal).toBe(expected);
  });
});
