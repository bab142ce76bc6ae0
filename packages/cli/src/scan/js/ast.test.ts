// numberValue: the number a literal spells, a minus included.
// contains: a range test that answers as a climb through the parents would.
// wrap: the made-up root that lets a walk test a node itself, and an optional child that is missing.
import { describe, expect, it } from 'vitest';
import { contains, forEachDescendant, type Node, numberValue, someDescendant, wrap } from './ast.js';
import { parseSource } from './parseSource.js';
import { contextOf } from './testing/parsed.js';

const literal = { type: 'Literal', start: 4, end: 6, value: 42 } as Node;

describe('wrap', () => {
  it('lets someDescendant test the wrapped node itself, which it never tests as a root', () => {
    expect(someDescendant(literal, (n) => n.type === 'Literal')).toBe(false);
    expect(someDescendant(wrap(literal), (n) => n.type === 'Literal')).toBe(true);
  });

  it('keeps the wrapped node’s range', () => {
    expect([wrap(literal).start, wrap(literal).end]).toEqual([4, 6]);
  });

  it.each([undefined, null])(
    'wraps a missing child (%s) to a node with nothing below, not a throw',
    (missing) => {
      const seen: Node[] = [];
      forEachDescendant(wrap(missing), (n) => {
        seen.push(n);
        return true;
      });
      expect(seen).toEqual([]);
    },
  );
});

/** The expression of `x = <text>;`, parsed. */
const assigned = (text: string) =>
  (parseSource('v.ts', `x = ${text};`).program.body[0] as Node).expression.right as Node;

describe('numberValue', () => {
  it.each([
    ['42', 42],
    ['-1', -1],
    ['(-1)', -1],
    ['-2.5', -2.5],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['Number.POSITIVE_INFINITY', Number.POSITIVE_INFINITY],
  ])('reads %s as %s', (text, value) => {
    expect(numberValue(assigned(text))).toBe(value);
  });

  it.each(['-x', '!1', "'-1'", '1 - 2'])('reads no number from %s', (text) => {
    expect(numberValue(assigned(text))).toBeUndefined();
  });
});

describe('contains', () => {
  const ctx = contextOf('for (const id of ids) { await get(id); }\nawait put(ids);');
  const all: Node[] = [];
  forEachDescendant(ctx.program, (n) => {
    all.push(n);
    return true;
  });
  const loop = all.find((n) => n.type === 'ForOfStatement') as Node;
  const [inLoop, after] = all.filter((n) => n.type === 'CallExpression') as [Node, Node];

  it('holds for a node below and for the node itself, as a climb to the ancestor would', () => {
    expect(contains(loop.body, inLoop)).toBe(true);
    expect(contains(loop, loop)).toBe(true);
    expect(ctx.climb(inLoop, (p) => p !== loop.body).parent).toBe(loop.body);
  });

  it('does not hold for a sibling, a node after, or an absent outer', () => {
    expect(contains(loop.left, inLoop)).toBe(false);
    expect(contains(loop.body, after)).toBe(false);
    expect(contains(undefined, inLoop)).toBe(false);
    expect(contains(null, inLoop)).toBe(false);
  });
});
