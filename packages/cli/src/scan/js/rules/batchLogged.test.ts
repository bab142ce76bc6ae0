import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { loggedTestAt, onlyLogged, sendOfAnchor } from './batchLogged.js';

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

describe('loggedTestAt', () => {
  const FAILED = /\bres\s*(\?\.|\.)\s*Failed\b/;
  /** The line of the anchor chosen in `f`'s body, after its statement `index` (the send, answer `name`). */
  const anchorOf = (body: string, index = 0, name = 'res', field = FAILED) => {
    const source = `async function f() {\n${body}\n}`;
    const ctx = contextOf(source);
    const fnBody = ((ctx.program.body as Node[])[0] as Node).body as Node;
    const send = (fnBody.body as Node[])[index] as Node;
    const at = loggedTestAt(ctx, fnBody, field, { at: send, after: send.end, name });
    return { line: at === undefined ? undefined : ctx.position(at.start as number).line, at, send };
  };

  it.each([
    ['const res = await sqs.send(cmd);\n\nif (res.Failed?.length) {\n  log(res.Failed);\n}', 4],
    ['const res = await sqs.send(cmd);\nif (res.Successful) log(1);\nif (res.Failed) log(2);', 4],
    [
      'const res = await sqs.send(cmd);\nfor (const x of xs) {\n  if (x) {\n    if (res.Failed) log(x);\n  }\n}',
      5,
    ],
    ["const res = await sqs.send(cmd);\nconsole.log('sent', { failed: res.Failed });", undefined],
  ])('%s -> line %s', (body, expected) => {
    // Act
    const { line } = anchorOf(body as string);

    // Assess
    expect(line).toBe(expected);
  });

  it('takes the test of the destructured answer, not a status that spells the same word', () => {
    // Arrange
    const body =
      "const { Failed } = await sqs.send(cmd);\nif (job.status === 'Failed') log(1);\nif (s === JobStatus.Failed) log(2);\nif (Failed?.length) log(Failed);";

    // Act
    const { line } = anchorOf(body, 0, 'Failed', /\bFailed\b/);

    // Assess
    expect(line).toBe(5);
  });

  it('skips a test of the field before the send', () => {
    // Arrange
    const body =
      'let res = await sqs.send(a);\nif (res.Failed) log(1);\nres = await sqs.send(b);\nlog(2);\nif (res.Failed) log(3);';

    // Act
    const { line } = anchorOf(body, 2);

    // Assess
    expect(line).toBe(6);
  });

  it('maps the anchor back to its send, and any other node to itself', () => {
    // Arrange
    const { at, send } = anchorOf('const res = await sqs.send(cmd);\nif (res.Failed) log(res.Failed);');

    // Act
    const back = sendOfAnchor(at as Node);

    // Assess
    expect(back).toBe(send);
    expect(sendOfAnchor(send)).toBe(send);
  });
});
