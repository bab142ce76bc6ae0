import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from './ast.js';
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

  // The list must be that walk's order, else-branches before then-branches included: rules loop over it
  // where they walked, and the first match they keep depends on the order.
  it.each([
    [
      'if/else',
      'IfStatement',
      'function f(x) { if (x) { if (!ok) return 401; } else { if (!ok) return 403; } }',
    ],
    [
      'else-if chain',
      'IfStatement',
      'function f(a) { if (a) p(); else if (b) { if (c) q(); } else r(); if (d) s(); }',
    ],
    [
      'nested ternaries',
      'ConditionalExpression',
      'function f(a, b) { return a ? (b ? p : q) : (c ? r : s); }',
    ],
    [
      'ternary in an if',
      'ConditionalExpression',
      'function f(a) { if (a) { x = b ? 1 : 2; } else { y = c ? 3 : 4; } }',
    ],
    [
      'switches',
      'SwitchStatement',
      'function f(a) { switch (a) { case 1: switch (b) { default: } break; default: if (c) { switch (d) {} } } switch (e) {} }',
    ],
    [
      'ifs in switches',
      'IfStatement',
      'function f(a) { switch (a) { case 1: if (b) x(); break; case 2: if (c) y(); } }',
    ],
  ])('%s: lists the %s nodes in the order someDescendant meets them', (_name, type, source) => {
    // Prepare
    const program = parseSync('f.js', source).program as unknown as Node;
    const body = ((program.body as Node[])[0] as Node).body as Node;
    const walked: Node[] = [];
    someDescendant(
      body,
      (m) => {
        if (m.type === type) walked.push(m);
        return false;
      },
      true,
    );

    // Act
    const listed = nodesWithin(body, type);

    // Assess
    expect(listed.length).toBeGreaterThan(1);
    expect(listed).toEqual(walked);
  });

  it('has no nodes below a missing root', () => {
    expect(nodesWithin(undefined, 'IfStatement')).toEqual([]);
    expect(nodesWithin(null, 'IfStatement')).toEqual([]);
  });
});
