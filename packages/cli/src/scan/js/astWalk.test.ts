import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node, someDescendant } from './ast.js';

const SOURCE = `async function run(items) {
  for (const item of items) {
    try { await send(item); } catch (e) { log(e); }
  }
  const later = () => retry(items);
  return done(items);
}`;

const body = (): Node => {
  const program = parseSync('w.js', SOURCE).program as unknown as Node;
  return (program.body as Node[])[0]?.body as Node;
};

/** The names of the calls a test is asked about, in the order it is asked. */
function askedCalls(root: Node, stopAt: string, skipFunctions: boolean): string[] {
  const asked: string[] = [];
  someDescendant(
    root,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      const name = (n.callee as Node).name as string;
      asked.push(name);
      return name === stopAt;
    },
    skipFunctions,
  );
  return asked;
}

describe('someDescendant', () => {
  it("asks the test in forEachDescendant's order and stops at the first node that passes", () => {
    const all: string[] = [];
    forEachDescendant(body(), (n) => {
      if (n.type === 'CallExpression') all.push((n.callee as Node).name as string);
      return true;
    });
    expect([...all].sort()).toEqual(['done', 'log', 'retry', 'send']);
    expect(askedCalls(body(), all[1] as string, false)).toEqual(all.slice(0, 2));
    expect(askedCalls(body(), 'none', false)).toEqual(all);
  });

  it('does not enter nested functions when told not to, and never asks about the root', () => {
    const all = askedCalls(body(), 'none', false);
    expect(askedCalls(body(), 'none', true)).toEqual(all.filter((name) => name !== 'retry'));
    expect(someDescendant(body(), (n) => n.type === 'BlockStatement' && n === body())).toBe(false);
    expect(someDescendant(undefined, () => true)).toBe(false);
  });
});
