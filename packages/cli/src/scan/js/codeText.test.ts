// A node's text with its comments blanked, offsets kept.
import { describe, expect, it } from 'vitest';
import { codeText } from './codeText.js';
import { contextOf } from './testing/parsed.js';

describe('codeText', () => {
  it('blanks line and block comments inside the node, keeping length and line breaks', () => {
    const ctx = contextOf(
      'const f = () => {\n  go(); // return { batchItemFailures }\n  /* a\nb */ done();\n};',
    );
    const fn = ctx.program;
    const text = codeText(ctx, fn);
    expect(text).toHaveLength(ctx.source.length);
    expect(text).not.toContain('batchItemFailures');
    expect(text.split('\n')).toHaveLength(ctx.source.split('\n').length);
    expect(text).toContain('go();');
    expect(text).toContain('done();');
  });

  it('answers the text itself when no comment is inside', () => {
    const ctx = contextOf('const batchItemFailures = [];');
    expect(codeText(ctx, ctx.program)).toBe('const batchItemFailures = [];');
  });
});
