// Which conditional expressions only make text of the caught error (describesError), and the names a catch
// keeps the error's message under (messageCopies).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { type Node, unwrap } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { describesError, messageCopies } from './errorText.js';

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

describe('messageCopies', () => {
  it.each([
    ['a described message', "const msg = e instanceof Error ? e.message : 'Bootstrap failed';", ['msg']],
    ['the message itself', 'const message = e.message;', ['message']],
    ['a fixed text', "const msg = 'Bootstrap failed';", []],
    ['another field', 'const code = e.code;', []],
  ])('%s', (_label, declaration, expected) => {
    const ctx = contextOf(`try { await f(); } catch (e) { ${declaration} if (x) g(); }`);
    const handler = ctx.of('CatchClause')[0] as Node;
    expect([...messageCopies(handler, 'e')]).toEqual(expected);
  });
});
