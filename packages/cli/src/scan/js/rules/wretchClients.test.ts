// Which wretch instances are reported for having no timeout: the line of each `wretch(...)` reported.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { mentionsWretch, untimedWretch } from './wretchClients.js';

/** The lines `untimedWretch` reports in `source`. */
function reported(source: string): number[] {
  const parsed = parseSync('m.ts', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const ctx = new ModuleContext('m.ts', source, parsed.program as unknown as Node, parsed.comments);
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
  ])('reports %s', (_name, source) => {
    // Act
    const lines = reported(source);
    // Assess
    expect(lines).toEqual([2]);
  });

  it.each([
    ['a signal in the options', `${IMPORT}const api = wretch(base, { signal: AbortSignal.timeout(1000) });`],
    ['options it cannot read', `${IMPORT}const api = wretch(base, defaults);`],
    ['a signal set along the chain', `${IMPORT}const api = wretch(base).options({ signal: s }).auth(k);`],
    ['a controller along the chain', `${IMPORT}const api = wretch(base).signal(controller);`],
    ['a fetch of its own', `${IMPORT}const api = wretch(base).fetchPolyfill(timedFetch);`],
    [
      'the abort addon in the module',
      `${IMPORT}import AbortAddon from 'wretch/addons/abort';\nconst api = wretch(base).addon(AbortAddon());`,
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
