import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { onlyLogged } from './batchLogged.js';

const FIELD = /\bres\s*(\?\.|\.)\s*FailedEntryCount\b/;
const judge = (body: string) => {
  const source = `async function f() { ${body} }`;
  const ctx = contextOf(source);
  // The function body from the context's own tree: the printed-reference check climbs its parent links.
  const fnBody = ((ctx.program.body as Node[])[0] as Node).body as Node;
  return onlyLogged(ctx, fnBody, FIELD, { name: 'res', after: 0 });
};

describe('onlyLogged', () => {
  it.each([
    ["console.log('published', { failed: res.FailedEntryCount || 0 });", true],
    ["if (res.FailedEntryCount > 0) logger.warn('some failed', res.FailedEntryCount);", true],
    ["console.log('sent', JSON.stringify(res.FailedEntryCount));", true],
    ["console.log('sent', res.FailedEntryCount); if (res.FailedEntryCount) throw new Error('x');", false],
    ["logger.info('resent', await resend(res.FailedEntryCount));", false],
    ['return res.FailedEntryCount;', false],
    ["console.log('sent');", false],
    ["console.log('published', { failed: res.FailedEntryCount, at: Date.now() });", true],
    [
      "console.log('published', { failed: res.FailedEntryCount }); const failed = (res.Entries ?? []).filter((e) => e.ErrorCode); if (failed.length) throw new Error('x');",
      false,
    ],
    ["console.log('published', res.FailedEntryCount); return res;", false],
  ])('%s -> %s', (body, expected) => {
    // Act
    const answer = judge(body as string);

    // Assess
    expect(answer).toBe(expected);
  });
});
