// What a live push does around its pushes: a cache read that lists the connections, and the removal of a
// connection a push was sent to; any other removal is judged as a write.
import { describe, expect, it } from 'vitest';
import { firstOfType } from '../testing/parsed.js';
import { cacheRead, staleRemoval } from './pushBookkeeping.js';

describe('cacheRead', () => {
  it.each([
    ['cache.smembers(key)', true],
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
    ['cache.srem(key, connectionId)', true],
    ['connections.delete(connectionId)', true],
    // A removal of something else is a write, not the push's bookkeeping.
    ['cache.del(`unread:\u0024{userId}`)', false],
    ['cache.srem(key, otherId)', false],
    // Not a removal.
    ['cache.sadd(key, connectionId)', false],
  ])('%s -> %s', (source, expected) => {
    // Act
    const removal = staleRemoval(firstOfType(source, 'CallExpression'), pushedTo);

    // Assess
    expect(removal).toBe(expected);
  });
});
