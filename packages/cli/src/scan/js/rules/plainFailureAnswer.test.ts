import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { plainFailureAnswer } from './plainFailureAnswer.js';

/** Is the first catch's last returned value a plain failure value? */
function plain(source: string): boolean {
  const ctx = contextOf(source, 'm.ts');
  const clause = ctx.of('CatchClause')[0] as Node;
  const last = ((clause.body as Node).body as Node[]).at(-1) as Node;
  return plainFailureAnswer(ctx, [last.argument as Node]);
}

const TRY = 'try { await run(); } catch (err) { return ';

describe('plainFailureAnswer', () => {
  it('takes an object literal, a quiet local builder, or an unseen one handed a literal status', () => {
    expect(plain(`async function h(e) { ${TRY}{ statusCode: 500 }; } }`)).toBe(true);
    expect(plain(`const r = (s) => ({ statusCode: s }); async function h(e) { ${TRY}r(500); } }`)).toBe(true);
    expect(
      plain(`import { response } from './r'; async function h(e) { ${TRY}response({ statusCode: 500 }); } }`),
    ).toBe(true);
  });

  it('refuses a builder of batchItemFailures, a thrower, an unseen helper and a failed invocation', () => {
    expect(
      plain(
        `function failAll(rs) { return { batchItemFailures: rs.map((r) => ({ itemIdentifier: r.messageId })) }; } async function h(e) { ${TRY}failAll(e.Records); } }`,
      ),
    ).toBe(false);
    expect(plain(`function m(x) { throw x; } async function h(e) { ${TRY}m(err); } }`)).toBe(false);
    expect(
      plain(
        `import { buildFailureResponse } from './r'; async function h(e) { ${TRY}buildFailureResponse(e, err); } }`,
      ),
    ).toBe(false);
    expect(plain(`async function h(e, context) { ${TRY}context.fail(err); } }`)).toBe(false);
    expect(plain(`async function h(e, callback) { ${TRY}callback(err); } }`)).toBe(false);
  });
});
