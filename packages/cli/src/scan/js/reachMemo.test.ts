import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { exportsReaching } from './handlerImports.js';
import { enclosing, rememberedReach } from './reachMemo.js';
import { contextOf } from './testing/parsed.js';

const SOURCE = [
  'async function save(a) { await put(a); await put(a, 1); }',
  'export async function handler(e) { await save(e); }',
  'export async function other(e) { await put(e); }',
].join('\n');

/** The module's `put(...)` calls, in source order. */
function puts(ctx: ReturnType<typeof contextOf>): Node[] {
  return ctx.of('CallExpression').filter((c) => (c.callee as Node).name === 'put');
}

describe('rememberedReach', () => {
  it('asks find once per innermost function and variant, and hands each caller its own copy', () => {
    // Prepare
    const ctx = contextOf(SOURCE);
    const [first, second, third] = puts(ctx) as [Node, Node, Node];
    const asked: Node[][] = [];
    const find = (chain: Node[]) => {
      asked.push(chain);
      return [`names-${asked.length}`];
    };

    // Act
    const a = rememberedReach(ctx, first, true, find);
    a.push('added by a caller');
    const b = rememberedReach(ctx, second, true, find);
    const c = rememberedReach(ctx, second, false, find);
    const d = rememberedReach(ctx, third, true, find);

    // Assess
    expect(b).toEqual(['names-1']);
    expect(c).toEqual(['names-2']);
    expect(d).toEqual(['names-3']);
    expect(asked.map((chain) => chain.length)).toEqual([1, 1, 1]);
    expect(asked[0]).toEqual(enclosing(ctx, first));
  });

  it('answers nothing, without asking, for a node outside every function', () => {
    const ctx = contextOf('const x = put(1);');
    const found = rememberedReach(ctx, puts(ctx)[0] as Node, true, () => ['never']);
    expect(found).toEqual([]);
  });
});

describe('exportsReaching', () => {
  it('answers the same for every site of one function, asked first or again', () => {
    // Prepare
    const ctx = contextOf(SOURCE);
    const [first, second, third] = puts(ctx) as [Node, Node, Node];

    // Act
    const found = [first, second, first, third].map((n) => exportsReaching(ctx, n, true));

    // Assess
    expect(found).toEqual([['handler'], ['handler'], ['handler'], ['other']]);
  });
});
