// Which conditional expressions only make text of the caught error (describesError).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { type Node, unwrap } from '../ast.js';
import { describesError } from './errorText.js';

/** The expression statement of `source`, parsed. */
function expression(source: string): Node {
  const parsed = parseSync('m.js', `(${source});`, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  return unwrap(((parsed.program as unknown as Node).body as Node[])[0]?.expression as Node) as Node;
}

describe('describesError', () => {
  it.each([
    ['a built-in class, text either way', 'e instanceof Error ? e.message : String(e)', true],
    ['typeof, text either way', "typeof e === 'string' ? e : e.message", true],
    ['?? with the error first', "e?.message ?? 'unknown error'", true],
    ['a project class choosing two codes', "e instanceof JwtBaseError ? 'UNAUTHORIZED' : 'INTERNAL'", false],
    ['a project class choosing two statuses', 'e instanceof X ? 401 : 500', false],
    ['a built-in class choosing two fixed texts', "e instanceof Error ? 'bad' : 'worse'", false],
  ])('%s', (_label, source, expected) => {
    expect(describesError(expression(source), 'e')).toBe(expected);
  });
});
