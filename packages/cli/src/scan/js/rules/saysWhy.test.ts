// A setting's own comment (saysWhy.ts): the reason a value was chosen, and a deduplication key left random
// by a stated decision (decidedNoDedup), not by a comment elsewhere or one that only names the key.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { decidedNoDedup, saysWhy } from './saysWhy.js';

/** The property named `key` in `source`. */
function property(source: string, key: string): { ctx: ReturnType<typeof contextOf>; prop: Node } {
  const ctx = contextOf(source);
  let prop: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'Property' && (n.key as Node).name === key) prop = n;
    return prop !== undefined;
  });
  if (prop === undefined) throw new Error(`no ${key} in ${source}`);
  return { ctx, prop };
}

const send = (comment: string) =>
  `const params = {\n  MessageBody: body,\n  ${comment}\n  MessageDeduplicationId: id,\n  MessageGroupId: 'g',\n};`;

describe('decidedNoDedup', () => {
  it.each([
    "// For now, we don't want to deduplicate anything.",
    '// We do not want to dedupe renders: a second one overwrites the same files',
  ])('a stated decision above the key: %s', (comment) => {
    const { ctx, prop } = property(send(comment), 'MessageDeduplicationId');
    expect(decidedNoDedup(ctx, prop)).toBe(true);
  });

  it.each([
    '// The id the publish queue sees.',
    '// TODO: deduplicate on the order id',
    "// TODO: we don't dedupe yet, fix before launch: a retry charges twice",
    "// we don't want to dedupe here? a retry charges twice",
    '',
  ])('no decision: %s', (comment) => {
    const { ctx, prop } = property(send(comment), 'MessageDeduplicationId');
    expect(decidedNoDedup(ctx, prop)).toBe(false);
  });

  it('a decision above a neighbour decides nothing for the key', () => {
    const source =
      "const p = {\n  // we don't want to deduplicate\n  MessageBody: body,\n  MessageDeduplicationId: id,\n};";
    const { ctx, prop } = property(source, 'MessageDeduplicationId');
    expect(decidedNoDedup(ctx, prop)).toBe(false);
  });
});

describe('saysWhy', () => {
  it('reads a reason ending the line or directly above, not a label', () => {
    const ending = property(
      'const c = {\n  retryAttempts: 0, // the caller replays from the ledger\n};',
      'retryAttempts',
    );
    expect(saysWhy(ending.ctx, ending.prop)).toBe(true);
    const above = property(
      'const c = {\n  // duplicates are worse than a lost refresh\n  retryAttempts: 0,\n};',
      'retryAttempts',
    );
    expect(saysWhy(above.ctx, above.prop)).toBe(true);
    const label = property('const c = {\n  retryAttempts: 0, // expect: no-retry\n};', 'retryAttempts');
    expect(saysWhy(label.ctx, label.prop)).toBe(false);
  });
});
