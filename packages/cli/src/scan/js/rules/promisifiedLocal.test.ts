import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { doesIo } from './catchFacts.js';

/** doesIo of the first try block of `source`. */
function tryDoesIo(source: string): boolean {
  const ctx = contextOf(source, 'm.js');
  const handler = ctx.of('CatchClause')[0] as Node;
  return doesIo(ctx, (ctx.parentOf(handler) as Node).block as Node);
}

describe('doesIo through a promisified alias', () => {
  it.each([
    [
      'zlib through its module object',
      "import zlib from 'node:zlib'; import { promisify } from 'node:util';\nconst gunzip = promisify(zlib.gunzip);",
      false,
    ],
    [
      'crypto through util.promisify',
      "import crypto from 'crypto'; import util from 'util';\nconst scrypt = util.promisify(crypto.scrypt);",
      false,
    ],
    [
      'a function imported from node:zlib',
      "import { gunzip as gz } from 'node:zlib'; import { promisify } from 'node:util';\nconst gunzip = promisify(gz);",
      false,
    ],
    [
      'a request library (trap)',
      "import request from 'request'; import { promisify } from 'node:util';\nconst gunzip = promisify(request.get);",
      true,
    ],
    [
      'a project function (trap)',
      "import { fetchLogs } from './logs.js'; import { promisify } from 'node:util';\nconst gunzip = promisify(fetchLogs);",
      true,
    ],
  ])('%s', (_name, head, io) => {
    // Prepare
    const call = head.includes('scrypt') ? 'await scrypt(pw, salt, 64)' : 'await gunzip(buf)';
    const source = `${head}\nexport async function f(buf, pw, salt) { try { return ${call}; } catch (e) { return null; } }`;

    // Assess
    expect(tryDoesIo(source)).toBe(io);
  });
});
