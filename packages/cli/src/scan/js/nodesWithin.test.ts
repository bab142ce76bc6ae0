import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { nodesWithin } from './nodesWithin.js';

describe('nodesWithin', () => {
  it('lists the ifs of a body in walk order, leaving nested functions out', () => {
    // Prepare
    const source = 'function f(a) { if (a) { if (b) x(); } const g = () => { if (c) y(); }; if (d) z(); }';
    const program = parseSync('f.js', source).program as unknown as Node;
    const fn = (program.body as Node[])[0] as Node;

    // Act
    const ifs = nodesWithin(fn.body as Node, 'IfStatement');

    // Assess
    expect(ifs.map((n) => source.slice(n.start as number, (n.start as number) + 6))).toEqual([
      'if (a)',
      'if (b)',
      'if (d)',
    ]);
    expect(nodesWithin(fn.body as Node, 'IfStatement')).toBe(ifs);
  });
});
