// Which `onError` hooks localAdapterHooks takes for SST link/code/logout adapters' local checks.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { localAdapterHooks } from './authSstAdapters.js';

/** The names of the hooks localAdapterHooks answers for `source`. */
function hookNames(source: string): string[] {
  const parsed = parseSync('m.ts', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const ctx = new ModuleContext('m.ts', source, parsed.program as unknown as Node, parsed.comments);
  return [...localAdapterHooks(ctx)].map((fn) => (fn.id as Node | undefined)?.name as string).sort();
}

const HOOK = 'async function denied() { return { statusCode: 401, body: "" }; }';

describe('localAdapterHooks', () => {
  it.each([
    ['sst/node/auth LinkAdapter', "import { LinkAdapter } from 'sst/node/auth';", 'LinkAdapter'],
    ['sst/auth CodeAdapter', "import { CodeAdapter } from 'sst/auth/adapter';", 'CodeAdapter'],
    ['a project-built LogoutAdapter', "import { createAdapter } from 'sst/node/auth';", 'LogoutAdapter'],
  ])('taken: %s', (_, head, adapter) => {
    const source = `${head}\n${HOOK}\nconst a = ${adapter}({ onSuccess: async () => ({}), onError: denied });`;
    expect(hookNames(source)).toEqual(['denied']);
  });

  it.each([
    [
      'an OAuth adapter (the code exchange is remote)',
      "import { GoogleAdapter } from 'sst/node/auth';\nconst a = GoogleAdapter({ onError: denied });",
    ],
    [
      'no SST auth import',
      "import { LinkAdapter } from './adapters.js';\nconst a = LinkAdapter({ onError: denied });",
    ],
    [
      'the hook also serves a middleware',
      "import { LinkAdapter } from 'sst/node/auth';\nconst a = LinkAdapter({ onError: denied });\nexport const mw = { onError: denied };",
    ],
  ])('left: %s', (_, source) => {
    expect(hookNames(`${source}\n${HOOK}`)).toEqual([]);
  });
});
