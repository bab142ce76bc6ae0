import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node, someDescendant } from './ast.js';
import { maySpell, namesWithin } from './namesWithin.js';

const SOURCE = `export async function withRetry(work: () => Promise<number>, tries = 3) {
  for (let i = 0; i < tries; i++) {
    try { return await pRetry(() => log(wrap(work, { n: i })), { retries: tries as number }); }
    catch { await sleep(other(i)); }
  }
  const f = (x: typeof work) => x; return helper(other, [1, 2, { work }]);
}`;

describe('namesWithin', () => {
  it('answers for every node below a function body as a walk of that node does', () => {
    const program = parseSync('w.ts', SOURCE).program as unknown as Node;
    const fn = (program.body as Node[])[0]?.declaration as Node;
    const names = new Set(['work', 'tries']);
    const uses = namesWithin(fn.body as Node, names);
    let asked = 0;
    let yes = 0;
    forEachDescendant(fn.body as Node, (n) => {
      const walked =
        (n.type === 'Identifier' && names.has(n.name as string)) ||
        someDescendant(n, (m) => m.type === 'Identifier' && names.has(m.name as string));
      expect(uses(n), `${n.type} at ${n.start}`).toBe(walked);
      asked++;
      if (walked) yes++;
      return true;
    });
    expect(asked).toBeGreaterThan(50);
    expect(yes).toBeGreaterThan(10);
    expect(asked - yes).toBeGreaterThan(10);
  });

  it('rules a node out by its text only when no name (nor an escape) is spelled in it', () => {
    const program = parseSync('w.ts', SOURCE).program as unknown as Node;
    const fn = (program.body as Node[])[0]?.declaration as Node;
    expect(maySpell(SOURCE, fn.body as Node, new Set(['work']))).toBe(true);
    expect(maySpell(SOURCE, fn.body as Node, new Set(['absent']))).toBe(false);
    const escaped = 'function f(work) { return g(\\u0077ork); }';
    const body = ((parseSync('e.js', escaped).program as unknown as Node).body as Node[])[0]?.body as Node;
    expect(maySpell(escaped, body, new Set(['nothing']))).toBe(true);
  });
});
