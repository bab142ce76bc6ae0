import { describe, expect, it } from 'vitest';
import { contextOf, firstOfType } from '../testing/parsed.js';
import { onlyLogged } from './batchLogged.js';

const FIELD = /\bres\s*(\?\.|\.)\s*FailedEntryCount\b/;
const judge = (body: string) => {
  const source = `async function f() { ${body} }`;
  return onlyLogged(contextOf(source), firstOfType(source, 'BlockStatement'), FIELD);
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
  ])('%s -> %s', (body, expected) => {
    // Act
    const answer = judge(body as string);

    // Assess
    expect(answer).toBe(expected);
  });
});
