// Object barrels (objectBarrels.ts): an index handing its default imports on under keys is no caller; the
// modules reading the key as a member are, and they decide which handlers reach a shared request.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heldKeys } from './objectBarrels.js';
import { scan } from './scan.js';

describe('heldKeys', () => {
  const fromLogs = (s: string) => s === './logs';

  it.each([
    ['a shorthand member', "import logs from './logs';\nexport default { logs, head };", ['logs']],
    ['a renamed member', "import logs from './logs';\nexport default { head, tail: logs };", ['tail']],
    ['another module only', "import head from './head';\nexport default { head };", []],
    ['a named export object', "import logs from './logs';\nexport const query = { logs };", []],
    [
      'an index that calls it',
      "import logs from './logs';\nconst first = logs(0);\nexport default { logs };",
      [],
    ],
  ])('%s', (_, text, keys) => {
    // Act & Assess
    expect(heldKeys(text, fromLogs)).toEqual(keys);
  });
});

describe('no-retry in a workspace package reached through an object barrel', () => {
  it('judges each read by the handlers that name its key, called or handed to a runner', async () => {
    // Act
    const result = await scan({
      root: join(import.meta.dirname, '../../fixtures/corpus/object-barrel-callers'),
      workers: 0,
    });

    // Assess: only the queue worker reads `query.logs` and hands `query.latest` to its runner, so its
    // redelivery is their retry; the route reads `query.head`, and a user waits on it. The report route
    // takes `blocks` out of the barrel by destructuring (`const { blocks } = query`): a caller as well.
    const found = result.findings.filter((f) => f.rule === 'no-retry').map((f) => `${f.file}:${f.line}`);
    expect(found.sort()).toEqual(['lib/query/blocks.ts:5', 'lib/query/head.ts:5']);
  });
});
