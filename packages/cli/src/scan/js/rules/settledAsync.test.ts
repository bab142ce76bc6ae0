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
      "  if ('S' in v) return v.S;",
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
    // Named, but it never calls itself: nothing says its awaits settle before any I/O.
    expect(settled('(async function walk(v) { return await Promise.all([]); });')).toBe(false);
  });

  it('does not count one that hands back or awaits work it did not start by calling itself', () => {
    expect(settled('async function flushAll(pending) { return Promise.all(pending); }')).toBe(false);
    expect(settled('async function waitFor(p) { return await p; }')).toBe(false);
    expect(settled('async function runBatch(chunk, fn) { await Promise.all(chunk.map(fn)); }')).toBe(false);
    const write = 'async function writeEmbedding(id, v) { await db.$executeRaw`UPDATE t SET v = 1`; }';
    expect(settled(write)).toBe(false);
    // Calling itself does not cover the rest: a tagged template, `for await`, a global's method.
    const tagged = 'async function w(xs) { if (xs.length) await w(xs.slice(1)); await sql`DELETE`; }';
    expect(settled(tagged)).toBe(false);
    const stream = [
      'async function streamToBuffer(s, parts = []) {',
      '  for await (const c of s) parts.push(c);',
      '  return Buffer.concat(parts);',
      '}',
    ].join('\n');
    expect(settled(stream)).toBe(false);
    const pending = 'async function drain(q) { if (q.more) await drain(q.next); return await q.done; }';
    expect(settled(pending)).toBe(false);
  });

  it('answers false, without failing, for an async overload signature that has no body', () => {
    // Real TypeScript (a class's `async exists(key: string): Promise<boolean>;` overloads) once failed the
    // whole module's analysis with "Cannot read properties of null".
    const parsed = parseSync(
      'm.ts',
      'class S { async exists(k: string): Promise<boolean>; async exists(k: any) { return true; } }',
      {
        experimentalRawTransfer: true,
      } as Parameters<typeof parseSync>[2],
    );
    const cls = (parsed.program.body as unknown as Node[])[0] as Node;
    const [overload] = (cls.body as Node).body as Node[];
    expect(() => settledOnReturn(overload?.value as Node)).not.toThrow();
    expect(settledOnReturn(overload?.value as Node)).toBe(false);
  });
});
