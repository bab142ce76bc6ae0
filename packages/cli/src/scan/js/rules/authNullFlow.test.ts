// Which catches answering null nullFlowSites follows to a denial (the names, helpers and tests it reads).
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { nullFlowSites } from './authNullFlow.js';

/** The lines of the sites found in `source` (a module importing `lookup` from the project). */
function siteLines(source: string): number[] {
  const text = `import { lookup } from './store';\n${source}`;
  const ctx = contextOf(text, 'm.ts');
  return [...nullFlowSites(ctx).keys()].map((n) => ctx.position(n.start).line - 1).sort();
}

const CATCH_NULL = 'const p = lookup(k).catch((e) => {\n  console.error(e);\n  return null;\n});';

describe('nullFlowSites', () => {
  it.each([
    ['awaited, tested with === null', 'if (v === null) return { allowed: false, reason: "x" };', [2]],
    ['tested with !', 'if (!v) return { statusCode: 403 };', [2]],
    ['a block answering 401', 'if (v == null) { log(); return { statusCode: 401, body: "no" }; }', [2]],
    ['a deny in a thrown Unauthorized', "if (!v) throw new Error('Unauthorized');", [2]],
  ])('%s', (_, test, lines) => {
    const source = `async function f(k) {\n${CATCH_NULL}\nconst v = await p;\n${test}\nreturn { allowed: true };\n}`;
    expect(siteLines(source)).toEqual(lines);
  });

  it.each([
    ['a null read as not found (404)', 'if (!v) return { statusCode: 404 };'],
    ['a test that the value is there', 'if (v !== null) return { allowed: false };'],
    ['another name tested', 'if (!other) return { allowed: false };'],
  ])('not when %s', (_, test) => {
    const source = `async function f(k, other) {\n${CATCH_NULL}\nconst v = await p;\n${test}\nreturn v;\n}`;
    expect(siteLines(source)).toEqual([]);
  });

  it('not when the catch tells the error apart', () => {
    const source =
      'async function f(k) {\nconst p = lookup(k).catch((e) => {\n  if (e.name === "NotFound") return null;\n  throw e;\n});\nconst v = await p;\nif (!v) return { allowed: false };\n}';
    expect(siteLines(source)).toEqual([]);
  });

  it('through a helper of the module that answers null when its input is null', () => {
    const source = [
      'async function load(k) {',
      '  try {',
      '    return await lookup(k);',
      '  } catch (e) {',
      '    return null;',
      '  }',
      '}',
      'async function price(k) {',
      '  const row = await load(k);',
      '  if (row == null) return null;',
      '  return row.price;',
      '}',
      'export async function decide(k) {',
      '  const priced = await price(k);',
      '  if (!priced) return { allowed: false, reason: "NotSubscribed" };',
      '  return { allowed: true };',
      '}',
    ].join('\n');
    expect(siteLines(source)).toEqual([4]);
  });

  it('through helpers declared after their callers: a later round follows the caller again', () => {
    const source = [
      'export async function decide(k) {',
      '  const priced = await price(k);',
      '  if (!priced) return { allowed: false, reason: "NotSubscribed" };',
      '  return { allowed: true };',
      '}',
      'async function price(k) {',
      '  const row = await load(k);',
      '  if (row == null) return null;',
      '  return row.price;',
      '}',
      'async function load(k) {',
      '  try {',
      '    return await lookup(k);',
      '  } catch (e) {',
      '    return null;',
      '  }',
      '}',
    ].join('\n');
    expect(siteLines(source)).toEqual([14]);
  });
});
