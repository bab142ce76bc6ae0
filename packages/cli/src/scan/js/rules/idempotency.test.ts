import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { idempotencyRules } from './idempotency.js';

const FIXTURE = new URL('../../../../fixtures/corpus/random-id-one-line/stashPayload.js', import.meta.url);

/** The lines of the random-id findings the rule family reports for `source`. */
function randomIdLines(source: string, file: string): number[] {
  const ctx = contextOf(source, file);
  const lines: number[] = [];
  idempotencyRules(ctx, (rule, node: Node) => {
    if (rule === 'random-id-nondeterministic') lines.push(ctx.position(node.start as number).line);
  });
  return lines;
}

describe('random-id-nondeterministic, one id on one line', () => {
  it('reports a random id named by an object key and taken by a keyed write once', () => {
    // Two passes reach `const payloadId = uuidv4()`: the `Key:` built from it and the key putObject() takes.
    expect(randomIdLines(readFileSync(FIXTURE, 'utf8'), 'stashPayload.js')).toEqual([11]);
  });

  it('still reports two random ids on two lines', () => {
    const source = [
      "const { v4: uuidv4 } = require('uuid');",
      'exports.handler = async (event) => {',
      '  for (const record of event.Records) {',
      '    const payloadId = uuidv4();',
      '    const traceName = uuidv4();',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the module under test's own template literal
      '    await s3.putObject({ Bucket: process.env.B, Key: `p/${payloadId}.json`, Body: record.body }).promise();',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the module under test's own template literal
      '    await s3.putObject({ Bucket: process.env.B, Key: `t/${traceName}.json`, Body: record.body }).promise();',
      '  }',
      '};',
    ].join('\n');
    expect(randomIdLines(source, 'two.js')).toEqual([4, 5]);
  });
});
