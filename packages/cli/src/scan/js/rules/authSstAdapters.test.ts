// Which `onError` hooks localAdapterHooks leaves alone: SST's LinkAdapter by its import, a project's
// `createAdapter` adapter by its body (here, or through the export fact of an imported one).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { localAdapterHooks } from './authSstAdapters.js';

/** The hooks localAdapterHooks answers for `source`: name, and the imported adapters still to ask. */
function hooks(source: string): [string, string[]][] {
  const ctx = contextOf(source);
  return [...localAdapterHooks(ctx)].map(([fn, refs]) => [
    (fn.id as Node | undefined)?.name as string,
    refs.map((r) => `${r.source}#${r.name}`),
  ]);
}

const HOOK = 'async function denied() { return { statusCode: 401, body: "" }; }';

/** A project adapter built here, whose try runs `attempt`. */
function built(attempt: string): string {
  return `import { createAdapter } from 'sst/node/auth';
const MyAdapter = createAdapter((config) => async function () {
  try { ${attempt} } catch (err) { return config.onError(err); }
});
const a = MyAdapter({ onSuccess: async () => ({}), onError: denied });`;
}

describe('localAdapterHooks', () => {
  it.each([
    [
      'sst/node/auth LinkAdapter',
      "import { LinkAdapter } from 'sst/node/auth';\nconst a = LinkAdapter({ onError: denied });",
    ],
    [
      'sst/auth LinkAdapter',
      "import { LinkAdapter } from 'sst/auth/adapter';\nconst a = LinkAdapter({ onError: denied });",
    ],
    ['a createAdapter adapter whose try awaits nothing', built('return config.onSuccess(1);')],
    [
      'an adapter of a subpath import, beside SST auth (unread)',
      "import { Session } from 'sst/node/auth';\nimport { LogoutAdapter } from '#util/logout';\nconst a = LogoutAdapter({ onError: denied });",
    ],
  ])('settled: %s', (_, source) => {
    expect(hooks(`${source}\n${HOOK}`)).toEqual([['denied', []]]);
  });

  it('asks the export fact of an imported project adapter', () => {
    const source =
      "import { LogoutAdapter } from './logout.js';\nconst a = LogoutAdapter({ onError: denied });";
    expect(hooks(`${source}\n${HOOK}`)).toEqual([['denied', ['./logout.js#LogoutAdapter']]]);
  });

  it.each([
    [
      'an OAuth adapter (the code exchange is remote)',
      "import { GoogleAdapter } from 'sst/node/auth';\nconst a = GoogleAdapter({ onError: denied });",
    ],
    [
      "SST's CodeAdapter (its shipped code is not read)",
      "import { CodeAdapter } from 'sst/auth/adapter';\nconst a = CodeAdapter({ onError: denied });",
    ],
    ['a createAdapter adapter whose try awaits onSuccess', built('return await config.onSuccess(1);')],
    [
      'a createAdapter adapter whose try awaits a lookup',
      built('await lookup(); return config.onSuccess(1);'),
    ],
    [
      'a createAdapter adapter handing onError to .catch',
      "import { createAdapter } from 'sst/node/auth';\nconst MyAdapter = createAdapter((config) => async () => config.onSuccess(1).catch(config.onError));\nconst a = MyAdapter({ onError: denied });",
    ],
    [
      'a LinkAdapter of a library, not SST',
      "import { LinkAdapter } from 'other-auth';\nconst a = LinkAdapter({ onError: denied });",
    ],
    [
      'the hook also serves a middleware',
      "import { LinkAdapter } from 'sst/node/auth';\nconst a = LinkAdapter({ onError: denied });\nexport const mw = { onError: denied };",
    ],
  ])('left: %s', (_, source) => {
    expect(hooks(`${source}\n${HOOK}`)).toEqual([]);
  });
});
