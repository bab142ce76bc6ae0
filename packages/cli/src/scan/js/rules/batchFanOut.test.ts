import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { droppingFanOut, fanOutCalls, firstOfKind } from './batchFanOut.js';

/** The calls of `put` in `body`, with the fan-out each one drops in (if any). */
const fanOuts = (body: string) => {
  const ctx = contextOf(`async function f(a, b) { ${body} }`);
  return ctx
    .of('CallExpression')
    .filter((c) => calleeName(c) === 'put')
    .map((c) => droppingFanOut(ctx, c) !== undefined);
};

describe('droppingFanOut', () => {
  it.each([
    ['await Promise.all([put(a), put(b)]);', [true, true]],
    ['await Promise.allSettled([put(a)]);', [true]],
    ['await Promise.all([put(a), other(b)]);', [true]],
    ['const out = await Promise.all([put(a)]);', [false]],
    ['return Promise.all([put(a)]);', [false]],
    ['Promise.all([put(a)]);', [false]],
    ['await Promise.all([a].map((x) => put(x)));', [false]],
    ['await put(a);', [false]],
  ])('%s -> %j', (body, expected) => {
    // Act
    const answer = fanOuts(body as string);

    // Assess
    expect(answer).toEqual(expected);
  });
});

describe('firstOfKind', () => {
  it('counts a fan-out once per kind of call, at its first element', () => {
    // Prepare
    const ctx = contextOf('async function f(a) { await Promise.all([save(a), put(a), put(a), save(a)]); }');
    const calls = ctx.of('CallExpression').filter((c) => calleeName(c) !== 'all');
    const array = droppingFanOut(ctx, calls[0] as Node) as Node;
    const sameAs = (call: Node) => (other: Node) => calleeName(other) === calleeName(call);

    // Act
    const firsts = calls.map((c) => firstOfKind(array, c, sameAs(c)));

    // Assess
    expect(firsts).toEqual([true, true, false, false]);
  });
});

describe('fanOutCalls', () => {
  it('yields the calls gathered by an awaited Promise.all statement only', () => {
    // Prepare
    const ctx = contextOf(
      'async function f(a) { await Promise.all([save(a), await put(a)]); const kept = await Promise.all([keep(a)]); }',
    );

    // Act
    const names = [...fanOutCalls(ctx)].map((c) => calleeName(c.call));

    // Assess
    expect(names).toEqual(['save', 'put']);
  });
});
