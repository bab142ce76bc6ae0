import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { inFloatingForEach } from './batchInForEach.js';

/** Whether the first `await` of `source` runs in an async callback forEach drops. */
const judge = (source: string) => {
  const ctx = contextOf(source);
  let awaited: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'AwaitExpression') awaited ??= n;
    return false;
  });
  if (awaited === undefined) throw new Error('no await in the source');
  return inFloatingForEach(ctx, awaited);
};

describe('inFloatingForEach', () => {
  it.each([
    ['chunks.forEach(async (c) => { await db.batchWrite({ RequestItems: c }); });', true],
    ['chunks.forEach(async function (c) { await db.batchWrite({ RequestItems: c }); });', true],
    // Awaited together: the answers reach the caller.
    [
      'async function f() { await Promise.all(chunks.map(async (c) => { await db.batchWrite(c); })); }',
      false,
    ],
    ['async function f() { for (const c of chunks) await db.batchWrite({ RequestItems: c }); }', false],
    // A forEach of a library that awaits its callback is not Array.prototype.forEach's drop; the await is nested deeper.
    [
      'chunks.forEach(async (c) => { const go = async () => { await db.batchWrite(c); }; return go(); });',
      false,
    ],
    // The callback is the second argument: not the function forEach calls per item.
    ['emitter.forEach(items, async (c) => { await db.batchWrite(c); });', false],
  ])('%s -> %s', (source, expected) => {
    // Act
    const answer = judge(source as string);

    // Assess
    expect(answer).toBe(expected);
  });
});
