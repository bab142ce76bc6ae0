// Which wretch instances are reported for having no timeout: the line of each `wretch(...)` reported.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { mentionsWretch, untimedWretch } from './wretchClients.js';

/** The lines `untimedWretch` reports in `source`. */
function reported(source: string): number[] {
  const ctx = contextOf(source);
  const lines: number[] = [];
  untimedWretch(ctx, (_rule, node) => {
    lines.push(source.slice(0, node.start as number).split('\n').length);
  });
  return lines;
}

const IMPORT = "import wretch from 'wretch';\n";

describe('untimedWretch', () => {
  it.each([
    ['a bare instance', `${IMPORT}export const api = wretch('https://a.example');`],
    ['an instance with auth and headers', `${IMPORT}const api = wretch(base).auth(k).headers({ a: 1 });`],
    ['options without a signal', `${IMPORT}const api = wretch(base, { mode: 'cors' });`],
    ['an inline request', `${IMPORT}await wretch(url).post(body).json();`],
    ['a require', "const wretch = require('wretch');\nconst api = wretch(base);"],
    [
      'a module-scope signal (one, shared)',
      `${IMPORT}const api = wretch(base, { signal: AbortSignal.timeout(1000) });`,
    ],
    [
      'a module-scope signal along the chain',
      `${IMPORT}const api = wretch(base).options({ signal: s }).auth(k);`,
    ],
    ['a module-scope controller', `${IMPORT}const api = wretch(base).signal(controller);`],
    [
      'a query-string addon',
      `${IMPORT}import QueryStringAddon from 'wretch/addons/queryString'; const api = wretch(base).addon(QueryStringAddon);`,
    ],
    [
      "wretch's retry middleware",
      `${IMPORT}import { retry } from 'wretch/middlewares'; const api = wretch(base).middlewares([retry()]);`,
    ],
    [
      'node-fetch as polyfill',
      `${IMPORT}const api = wretch(base).polyfills({ fetch: require('node-fetch'), FormData });`,
    ],
    ['the global timer', `${IMPORT}const api = wretch(base);\nsetTimeout(() => {}, 10);`],
  ])('reports %s', (_name, source) => {
    // Act
    const lines = reported(source);
    // Assess
    expect(lines).toEqual([2]);
  });

  it.each([
    [
      'a signal made per request',
      `${IMPORT}const get = (u) => wretch(u, { signal: AbortSignal.timeout(1000) }).get();`,
    ],
    ['options it cannot read', `${IMPORT}const api = wretch(base, defaults);`],
    [
      'a per-request signal along the chain',
      `${IMPORT}const get = (u) => wretch(u).options({ signal: AbortSignal.timeout(9) }).get();`,
    ],
    [
      'a per-request signal on the instance',
      `${IMPORT}const api = wretch(base);\nconst get = (u) => api.options({ signal: AbortSignal.timeout(9) }).get(u);`,
    ],
    ['a fetch of its own', `${IMPORT}const api = wretch(base).fetchPolyfill(timedFetch);`],
    ['a middleware of its own', `${IMPORT}const api = wretch(base).middlewares([timeoutMiddleware]);`],
    [
      'the abort addon in the module',
      `${IMPORT}import AbortAddon from 'wretch/addons/abort';\nconst api = wretch(base).addon(AbortAddon());`,
    ],
    [
      'the abort addon of wretch/addons',
      `${IMPORT}import { abortAddon } from 'wretch/addons';\nconst api = wretch(base);\napi.addon(abortAddon()).get();`,
    ],
    [
      "1.x's built-in setTimeout",
      `${IMPORT}const api = wretch(base).auth(k);\nexport const h = (e) => api.url(e.id).get().setTimeout(2000).json();`,
    ],
    ['a local function named wretch', 'const wretch = (u) => fetch(u);\nwretch(url);'],
  ])('leaves %s', (_name, source) => {
    expect(reported(source)).toEqual([]);
  });

  it('is asked only of modules that import wretch', () => {
    expect(mentionsWretch(IMPORT)).toBe(true);
    expect(mentionsWretch("const s = 'wretch is a library';")).toBe(false);
  });
});
