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
    ['an exported instance', 'export const $f = createFetch({});\n$f("/x");'],
    ['an instance handed on', 'const $f = createFetch({});\nexport const api = wrap($f);'],
    ['an instance never called', 'const $f = createFetch({});'],
  ])('leaves %s alone', (_what, body) => {
    expect(reported(body)).toEqual([]);
  });
});
