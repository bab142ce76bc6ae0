// Which handed-back values cannot be pending.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { settledValue } from './settledValue.js';
import { firstOfType } from './testing/parsed.js';

describe('settledValue', () => {
  it.each([
    ['return;', true],
    ['return undefined;', true],
    ['return { ok: true, n: 1 };', true],
    ["return 'id-' + n;", true],
    ['return Promise.resolve();', true],
    ['return Promise.resolve({ skipped: true });', true],
    ['return Promise.resolve(save(r));', false],
    ['return item;', false],
    ['return this.pending;', false],
    ['return r.skip ? undefined : item;', false],
    ['return item || null;', false],
    ['return (n++, item);', false],
    ['return r.skip ? undefined : { ok: true };', true],
    ['return save(r);', false],
    ['return { at: new Date() };', false],
  ])('%s -> %s', (statement, expected) => {
    // Prepare
    const returned = firstOfType(`function f(r, item, n) { ${statement} }`, 'ReturnStatement');

    // Act
    const settled = settledValue(returned.argument as Node | undefined);

    // Assess
    expect(settled).toBe(expected);
  });
});
