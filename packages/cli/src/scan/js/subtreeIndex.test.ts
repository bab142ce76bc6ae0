import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node, someDescendant, wrap } from './ast.js';
import { listingsMade, someBelow } from './subtreeIndex.js';

// Code shaped like what the adopting rules ask about: handlers with nested callbacks, else-branches
// before then-branches in the walk, a class with methods, try/catch, a type annotation holding literals.
const SOURCE = `
import { verify } from './auth';
export const handler = async (event: { kind: 'a' | 'b' }) => {
  if (event.kind === 'a') { await verify(event); } else { return decode(event, () => inner(event)); }
  try { await Promise.all(event.Records.map(async (r) => send(r))); } catch (e) { if (!e) throw e; log(e); }
  return { batchItemFailures: [] };
};
class Decoder {
  static parse(event) { return this.records(event).map((r) => ({ id: r.id, body: r.body })); }
  async records(event) { const x = await load(event); return x ? new Promise((res) => res(x)) : x; }
}
function plain(a) { return a ? f(a) : g(function () { return h(a); }); }
`;

/** What someDescendant meets of `types` below `root`, in its order. */
function walked(root: Node, types: readonly string[], skip: boolean): Node[] {
  const met: Node[] = [];
  someDescendant(
    root,
    (n) => {
      if (types.includes(n.type)) met.push(n);
      return false;
    },
    skip,
  );
  return met;
}

/** What someBelow asks its test about of `types` below `root`, in its order (a test that never stops). */
function below(root: Node | undefined, types: readonly string[], skip = false): Node[] {
  const asked: Node[] = [];
  someBelow(
    root,
    types,
    (n) => {
      asked.push(n);
      return false;
    },
    skip,
  );
  return asked;
}

describe('someBelow, node for node', () => {
  // The lists must be someDescendant's, node for node and in its order: the rules loop over them where
  // they walked, and what they collect (and the first match they keep) depends on the order.
  it.each([
    [['CallExpression']],
    [['ReturnStatement', 'AwaitExpression']],
    [['NewExpression', 'CallExpression']],
    [['Property', 'CallExpression']],
    [['Identifier']],
    [['Literal']],
    [['CatchClause', 'ThrowStatement']],
  ])('meets %j below every node as someDescendant does, with and without nested functions', (types) => {
    // Prepare
    const program = parseSync('h.ts', SOURCE).program as unknown as Node;
    const roots: Node[] = [program];
    forEachDescendant(program, (n) => {
      roots.push(n);
      if (n.body !== undefined && n.body !== null && typeof n.body === 'object') roots.push(wrap(n.body));
      return true;
    });

    // Act
    const mismatched = roots.flatMap((root) =>
      [false, true].filter((skip) => {
        const got = below(root, types, skip);
        const want = walked(root, types, skip);
        const again = below(root, types, skip);
        return [got, again].some((list) => list.length !== want.length || list.some((n, i) => n !== want[i]));
      }),
    );

    // Assess
    expect(roots.length).toBeGreaterThan(150);
    expect(mismatched).toEqual([]);
  });

  it("answers a later question about the same root, of other types, from the first one's list", () => {
    // Prepare
    const program = parseSync('h.ts', SOURCE).program as unknown as Node;
    const fn = (program.body as Node[])[3] as Node; // function plain(a)
    const start = listingsMade();

    // Act
    const calls = below(fn.body, ['CallExpression'], true);
    const first = listingsMade() - start;
    const returns = below(fn.body, ['ReturnStatement'], true);
    const cached = listingsMade() - start;
    const inner = below(fn.body, ['ReturnStatement']);
    const other = listingsMade() - start;

    // Assess
    expect(calls.map((n) => n.callee.name)).toEqual(['g', 'f']); // the alternate before the consequent
    expect(returns).toHaveLength(1);
    expect(inner).toHaveLength(2);
    expect([first, cached, other]).toEqual([1, 1, 2]); // the other skip flag is another list
    expect(below(undefined, ['CallExpression'])).toEqual([]);
  });

  it("answers a question about wrap(body) from the body's own list, making none for the throwaway root", () => {
    // Prepare
    const program = parseSync('h.ts', SOURCE).program as unknown as Node;
    const fn = (program.body as Node[])[3] as Node; // function plain(a)
    below(fn.body, ['CallExpression'], true);
    const start = listingsMade();

    // Act
    const wrapped = below(wrap(fn.body), ['BlockStatement', 'CallExpression'], true);
    const again = below(wrap(fn.body), ['CallExpression'], true);

    // Assess
    expect(wrapped).toEqual(walked(wrap(fn.body), ['BlockStatement', 'CallExpression'], true));
    expect(again.map((n) => n.callee.name)).toEqual(['g', 'f']);
    expect(listingsMade() - start).toBe(0);
  });
});

describe('someBelow', () => {
  it('stops at the first node the test accepts, having asked only the nodes before it', () => {
    // Prepare
    const program = parseSync('h.ts', SOURCE).program as unknown as Node;
    const asked: string[] = [];

    // Act
    const found = someBelow(program, ['CallExpression'], (n: Node) => {
      asked.push(n.callee.name ?? n.callee.property?.name);
      return n.callee.name === 'decode';
    });

    // Assess
    expect(found).toBe(true);
    expect(asked.at(-1)).toBe('decode');
    expect(asked).not.toContain('verify'); // the else-branch comes first in the walk
  });
});
