// Which comments make an empty catch around another system's call a stated decision (placeholderComments.ts):
// a blank `//`, a bare TODO or the name of the default give no reason, and the empty catch is reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { placeholderComment } from './placeholderComments.js';

/** The rules reported on the `catch` line of a handler whose empty catch holds `comment`. */
async function reportedAtCatch(comment: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'placeholder-comments-'));
  const source = `const { DynamoDB } = require('@aws-sdk/client-dynamodb');
const ddb = new DynamoDB({});
exports.handler = async (event) => {
  let item;
  try {
    item = await ddb.getItem({ TableName: 't', Key: event.key });
  } catch (e) {
    ${comment}
  }
  return { statusCode: 200, body: JSON.stringify(item) };
};
`;
  writeFileSync(join(root, 'h.js'), source);
  const line = source.split('\n').findIndex((l) => l.includes('catch (')) + 1;
  const result = await scan({ root, workers: 0 });
  return result.findings.filter((f) => f.line === line).map((f) => f.rule);
}

describe('placeholder comments in an empty catch', () => {
  it.each([['//'], ['// use default null'], ['/* */'], ['// TODO handle failures'], ['// ...']])(
    'reports the empty catch holding only %s',
    async (comment) => {
      // Act
      const rules = await reportedAtCatch(comment);

      // Assess
      expect(rules).toContain('swallowed-error');
    },
  );

  it.each([
    ['// ignore: the item is optional, the page renders without it'],
    ['// best effort'],
    ['/* the table may not exist yet in a fresh stage */'],
  ])('keeps a comment that gives a reason as a decision: %s', async (comment) => {
    // Act
    const rules = await reportedAtCatch(comment);

    // Assess
    expect(rules).not.toContain('swallowed-error');
  });

  it.each([
    ['//', true],
    ['  //  ', true],
    ['// use the default value', true],
    ['// keep undefined', true],
    ['// FIXME: should we log?', true],
    ['// TODO: cache writes are best-effort; a miss only costs a recompute', false],
    ['// TODO handle this properly', true],
    ['// default null because the field is optional', false],
    ['// ignore', false],
    ['// already closed', false],
  ])('placeholderComment(%j) is %s', (comment, expected) => {
    // Act
    const placeholder = placeholderComment(comment);

    // Assess
    expect(placeholder).toBe(expected);
  });
});
