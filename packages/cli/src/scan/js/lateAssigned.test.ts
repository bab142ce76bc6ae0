import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { unwrap } from './ast.js';
import { lateAssigned } from './lateAssigned.js';
import { contextOf } from './testing/parsed.js';

/** The base of the module's last call (`c` of `c.items.get()`), the read after the try. */
function lastUse(source: string) {
  const ctx = contextOf(source);
  let base = unwrap(ctx.of('CallExpression').at(-1)?.callee);
  while (base?.type === 'MemberExpression') base = unwrap(base.object);
  return { ctx, id: base as Node };
}

describe('lateAssigned', () => {
  it('reads the one assignment of an uninitialised let', () => {
    const { ctx, id } = lastUse(
      'async function f() { let c; try { c = await build({ v: 3 }) } catch (e) { log(e) } await c.items.get() }',
    );
    expect(unwrap(lateAssigned(ctx, id))?.type).toBe('AwaitExpression');
  });

  it('leaves a let assigned twice, compound-assigned or initialised, destructured or loop-written unknown', () => {
    for (const source of [
      'let c; c = a(); if (x) c = b(); c.get()',
      'let c; c = a(); c += 1; c.get()',
      'let c = a(); c = b(); c.get()',
      'const c = a(); c.get()',
      'let c; c = a(); [c] = b(); c.get()',
      'let c; c = a(); ({ c } = b()); c.get()',
      'let c; c = a(); ({ k: [c = d] } = b()); c.get()',
      'let c; c = a(); for (c of xs) {} c.get()',
      'let c; c = a(); for (c in xs) {} c.get()',
    ]) {
      const { ctx, id } = lastUse(source);
      expect(id).toBeDefined();
      expect(lateAssigned(ctx, id)).toBeUndefined();
    }
  });
});
