// Which fetch Response reads count as reading the body, and what uncheckedFetch.ts makes of node-fetch v2's
// `buffer()`: an unchecked response read with it is reported, one read behind `ok` is not.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { readsFetchBody } from './fetchBodyMethods.js';
import { uncheckedResponse } from './uncheckedFetch.js';

/** uncheckedResponse's verdict on the first `fetch(...)` call of `source`. */
function verdict(source: string): string | undefined {
  const ctx = contextOf(`import fetch from 'node-fetch';\n${source}`);
  const call = ctx.of('CallExpression').find((c) => c.callee?.name === 'fetch');
  if (call === undefined) throw new Error(`no fetch call in ${source}`);
  return uncheckedResponse(ctx, call);
}

describe('fetch body methods', () => {
  it.each([
    ['json', true],
    ['text', true],
    ['arrayBuffer', true],
    ['blob', true],
    ['buffer', true],
    ['clone', false],
    ['headers', false],
    [undefined, false],
  ])('%s reads the body: %s', (method, reads) => {
    // Act / Assess
    expect(readsFetchBody(method)).toBe(reads);
  });

  it('reports a response read with buffer() and no status check', () => {
    // Act
    const found = verdict(
      'export async function avatar(url) { const res = await fetch(url); const image = await res.buffer(); return image; }',
    );

    // Assess
    expect(found).toBe('fetch() response res is read without checking res.ok or res.status');
  });

  it.each([
    ['kept in a variable', 'const res = await fetch(url); const body = await res.METHOD(); return body;'],
    ['read straight off the awaited fetch', 'const body = await (await fetch(url)).METHOD(); return body;'],
  ])('judges buffer() as text() when the response is %s', (_, body) => {
    // Act
    const [asText, asBuffer] = ['text', 'buffer'].map((m) =>
      verdict(`export async function avatar(url) { ${body.replace('METHOD', m)} }`)?.replaceAll(m, 'METHOD'),
    );

    // Assess
    expect(asBuffer).toBe(asText);
  });

  it.each([
    [
      'behind if (res.ok)',
      'const res = await fetch(url); if (res.ok) { return res.buffer(); } throw new Error("x");',
    ],
    [
      'after a not-ok throw',
      'const res = await fetch(url); if (!res.ok) throw new Error(String(res.status)); return res.buffer();',
    ],
  ])('stays silent on buffer() read %s', (_, body) => {
    // Act
    const found = verdict(`export async function avatar(url) { ${body} }`);

    // Assess
    expect(found).toBeUndefined();
  });
});
