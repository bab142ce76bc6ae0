import { describe, expect, it } from 'vitest';
import { contextOf } from './testing/parsed.js';
import { uncalled } from './uncalled.js';

/** uncalled of the module's first `new` expression (a client built inside the function asked about). */
function clientDead(source: string, file = 'm.js'): boolean {
  const ctx = contextOf(source, file);
  return uncalled(ctx, ctx.of('NewExpression')[0] as Parameters<typeof uncalled>[1]);
}

const BODY = 'const s3 = new S3Client({}); const page = await s3.send(list(dir));';

describe('uncalled', () => {
  it('is true in a function nothing names again', () => {
    expect(clientDead(`async function emptyDir(dir) { ${BODY} }\nmodule.exports = {};`)).toBe(true);
    expect(clientDead(`const emptyDir = async (dir) => { ${BODY} };\nmodule.exports = {};`)).toBe(true);
  });

  it('is true in a function only its own recursion calls', () => {
    expect(
      clientDead(
        `async function emptyDir(dir) { ${BODY}\n  if (page.IsTruncated) await emptyDir(dir); }\nmodule.exports = {};`,
      ),
    ).toBe(true);
    expect(
      clientDead(
        `const emptyDir = async (dir) => { ${BODY}\n  return page.IsTruncated ? emptyDir(dir) : [].map(() => emptyDir(dir)); };`,
      ),
    ).toBe(true);
    // A commented-out first call is no caller.
    expect(
      clientDead(
        `async function emptyDir(dir) { ${BODY}\n  if (page.IsTruncated) await emptyDir(dir); }\n// await emptyDir('tmp/');`,
      ),
    ).toBe(true);
  });

  it('is false when something outside the function calls, hands on or exports it', () => {
    const recursive = `async function emptyDir(dir) { ${BODY}\n  if (page.IsTruncated) await emptyDir(dir); }\n`;
    expect(clientDead(`${recursive}exports.handler = async (e) => emptyDir(e.dir);`)).toBe(false);
    expect(clientDead(`${recursive}module.exports = { emptyDir };`)).toBe(false);
    expect(clientDead(`${recursive}const jobs = [emptyDir];\nmodule.exports = { jobs };`)).toBe(false);
    expect(clientDead(`export ${recursive}`, 'm.ts')).toBe(false);
    // Named as an object key or in a string (a registry, a handler name): kept, the text test errs towards
    // reporting.
    expect(clientDead(`${recursive}module.exports = { run: (n) => ({ emptyDir: 1 })[n] };`)).toBe(false);
    expect(clientDead(`${recursive}const jobs = ['emptyDir'];\nmodule.exports = { jobs };`)).toBe(false);
  });
});
