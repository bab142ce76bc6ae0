// The parent links must answer exactly as the module walk's map of every node did: a leaf's parent, found
// when asked, is the node the walk reaches it from; nodes the walk never reaches have none.
import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node, wrap } from './ast.js';
import { ModuleIndex } from './moduleIndex.js';
import { contextOf } from './testing/parsed.js';
import { isLeaf, TYPES, UNKNOWN } from './walkTypes.js';

// Decorators before `export` (outside the export's span), a decorated parameter, type annotations the walk
// skips, shorthand and destructured properties, a template literal, `this`, a nested arrow, a catch.
const SOURCE = `
import { Injectable, Inject } from '@nestjs/common';
@Injectable()
export class Guard extends Base('jwt') {
  constructor(@Inject(TOKEN) private readonly store: Store<'a' | 'b'>) { super(); }
  handle<T>(err: unknown, { user, info = 1 }: { user: T; info?: number }): T {
    const [first, ...rest] = this.list;
    try { return fetch(\`\${first}/x\`, { user, rest }).then((r) => r.ok); } catch (e) { throw e ?? err; }
  }
}
export default @Injectable() class Other {}
`;

/** The walk's parent of every node it reaches, written the way moduleIndex.ts wrote it before. */
function walkedParents(program: Node): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  const enter = (node: Node) => {
    const keys = (TYPES.get(node.type) ?? UNKNOWN).keys ?? [];
    for (const key of keys)
      for (const child of [node[key]].flat())
        if (child !== null && typeof child === 'object' && 'type' in child) {
          parents.set(child as Node, node);
          if (!isLeaf(child as Node, TYPES.get(child.type) ?? UNKNOWN)) enter(child as Node);
        }
  };
  enter(program);
  return parents;
}

/** Every node below `program` (type annotations too, which the walk skips) and the program itself. */
function allNodes(program: Node): Node[] {
  const nodes = [program];
  forEachDescendant(program, (n) => {
    nodes.push(n);
    return true;
  });
  return nodes;
}

describe('ParentLinks', () => {
  it("answers for every node of the module exactly as the walk's map of every node did", () => {
    // Prepare
    const { program } = contextOf(SOURCE);
    const expected = walkedParents(program);
    const links = new ModuleIndex(program).parents;

    // Act
    const wrong = allNodes(program).filter((n) => links.get(n) !== expected.get(n));

    // Assess
    expect(expected.size).toBeGreaterThan(80);
    expect(wrong.map((n) => `${n.type}@${n.start}`)).toEqual([]);
  });

  it('writes down the parents of inner nodes only', () => {
    // Prepare
    const { program } = contextOf(SOURCE);
    const reached = [...walkedParents(program).keys()];

    // Act
    const links = new ModuleIndex(program).parents;

    // Assess
    const inner = reached.filter((n) => !isLeaf(n, TYPES.get(n.type) ?? UNKNOWN));
    expect(links.ofInner.size).toBe(inner.length);
    expect(inner.length).toBeLessThan(reached.length);
  });

  it('finds the call of a decorator written before `export`, outside the export declaration', () => {
    // Prepare
    const ctx = contextOf(SOURCE);
    const injectable = ctx.of('CallExpression').find((c) => c.callee.name === 'Injectable') as Node;

    // Act
    const parent = ctx.parentOf(injectable.callee);

    // Assess
    expect(injectable.start).toBeLessThan(SOURCE.indexOf('export class'));
    expect(parent).toBe(injectable);
  });

  it('has no parent for the program, a type annotation the walk skips, or a node a rule made up', () => {
    // Prepare
    const ctx = contextOf(SOURCE);
    const typeName = allNodes(ctx.program).find((n) => n.type === 'Identifier' && n.name === 'Store') as Node;

    // Act
    const answers = [ctx.parentOf(ctx.program), ctx.parentOf(typeName), ctx.parentOf(wrap(typeName))];

    // Assess
    expect(answers).toEqual([undefined, undefined, undefined]);
  });

  it("lists each literal's parent as the walk reaches it: the answer parentOf searches for", () => {
    // Literals in tests, arguments, keys, decorators before `export`, imports, templates and JSX.
    const ctx = contextOf(
      [
        "import x from 'x';",
        "@Injectable('svc') export class A { m() { return cond ? 1 : 'no'; } }",
        "const o = { 'k': null, n: [2, false, /re/] };",
        `if (!(a && false)) f('arg', \`t\${'in'}\`);`,
        'export const el = <div id="d">{\'txt\'}</div>;',
      ].join('\n'),
      'm.tsx',
    );
    const literals = ctx.of('Literal');
    const parents = ctx.literalParents();
    expect(literals.length).toBeGreaterThan(10);
    expect(parents).toHaveLength(literals.length);
    literals.forEach((l, i) => {
      expect(parents[i]).toBe(ctx.parentOf(l));
    });
  });
});
