// settledOnReturn: which async functions have no work left when their call returns, so a dropped
// promise of theirs loses nothing (here: the pure recursion case).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { settledOnReturn } from './settledAsync.js';

/** settledOnReturn of the first statement of `source`, a function declaration or expression. */
function settled(source: string): boolean {
  const parsed = parseSync('m.js', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const first = (parsed.program.body as unknown as Node[])[0] as Node;
  // `(async function () {})`: an anonymous function expression, written as a statement.
  const fn = first.type === 'ExpressionStatement' ? (first.expression as Node) : first;
  return settledOnReturn(fn.type === 'ParenthesizedExpression' ? (fn.expression as Node) : fn);
}

describe('settledOnReturn', () => {
  it('counts a named async function whose only work is calling itself', () => {
    const convert = [
      'async function convert(v) {',
      "  if ('M' in v) { const o = {}; for (const k of Object.keys(v.M)) o[k] = await convert(v.M[k]); return o; }",
      "  if ('L' in v) return Promise.all(v.L.map(async (i) => await convert(i)));",
      '  return Number(v.N);',
      '}',
    ].join('\n');
    expect(settled(convert)).toBe(true);
  });

  it('does not count one that calls anything else, or an anonymous one', () => {
    expect(settled('async function save(v) { if (v.next) await save(v.next); return db.put(v); }')).toBe(
      false,
    );
    expect(settled('async function load(v) { return await new Client().get(v); }')).toBe(false);
    expect(settled('(async function (v) { return await Promise.all([]); });')).toBe(false);
    expect(settled('(async function walk(v) { return await Promise.all([]); });')).toBe(true);
  });
});
