// Which better-fetch instances betterFetchClients reports: built untimed, kept here, and called untimed.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { betterFetchClients } from './betterFetch.js';

/** The lines betterFetchClients reports in `body` (after the import line). */
function reported(body: string): number[] {
  const source = `import { createFetch } from '@better-fetch/fetch';\n${body}`;
  const ctx = contextOf(source);
  const lines: number[] = [];
  betterFetchClients(ctx, (_rule, node) => {
    lines.push(source.slice(0, node.start).split('\n').length);
  });
  return lines;
}

describe('betterFetchClients', () => {
  it('reports an instance built and called without a timeout', () => {
    expect(reported('const $f = createFetch({ retry: 2 });\nexport const get = (u) => $f(u);')).toEqual([2]);
    expect(
      reported('const $f = createFetch();\nexport const get = (u) => $f(u, { method: "GET" });'),
    ).toEqual([2]);
  });

  it('reports when one call is bounded and another is not', () => {
    expect(
      reported(
        'const $f = createFetch({});\nexport const a = () => $f("/h", { timeout: 1000 });\nexport const b = () => $f("/r");',
      ),
    ).toEqual([2]);
  });

  it('reports an instance that leaves the module', () => {
    expect(reported('export const $f = createFetch({});\n$f("/x");')).toEqual([2]);
    expect(reported('const $f = createFetch({});\nexport const api = wrap($f);')).toEqual([2]);
  });

  it('reports through a cast and a namespace import', () => {
    expect(reported('const $f = createFetch({}) as typeof fetch;\nexport const get = (u) => $f(u);')).toEqual(
      [2],
    );
    expect(
      reported(
        "import * as bf from '@better-fetch/fetch';\nconst $f = bf.createFetch({});\nexport const get = (u) => $f(u);",
      ),
    ).toEqual([3]);
  });

  it.each([
    [
      'a timeout at the factory',
      'const $f = createFetch({ timeout: 5000 });\nexport const get = (u) => $f(u);',
    ],
    ['a signal at the factory', 'const $f = createFetch({ signal: s });\nexport const get = (u) => $f(u);'],
    [
      'a timeout on a call',
      'const $f = createFetch({});\nexport const get = (u) => $f(u, { timeout: 1000 });',
    ],
    ['options out of sight', 'const $f = createFetch(opts);\nexport const get = (u) => $f(u);'],
    ['call options out of sight', 'const $f = createFetch({});\nexport const get = (u, o) => $f(u, o);'],
    ['an instance never called', 'const $f = createFetch({});'],
    [
      'a fetch of its own',
      'const $f = createFetch({ customFetchImpl: timed });\nexport const get = (u) => $f(u);',
    ],
    ['plugins', 'const $f = createFetch({ plugins: [deadline] });\nexport const get = (u) => $f(u);'],
    ['hooks', 'const $f = createFetch({ hooks: { onRequest } });\nexport const get = (u) => $f(u);'],
    ['an onRequest hook', 'const $f = createFetch({ onRequest: arm });\nexport const get = (u) => $f(u);'],
  ])('leaves %s alone', (_what, body) => {
    expect(reported(body)).toEqual([]);
  });
});
