import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { errorMapperAnswer } from './errorMapperAnswer.js';

/** Is the first catch's last return a quiet mapper's failure answer for the caught error? */
function mapped(source: string): boolean {
  const ctx = contextOf(source, 'm.ts');
  const clause = ctx.of('CatchClause')[0] as Node;
  const last = ((clause.body as Node).body as Node[]).at(-1) as Node;
  return errorMapperAnswer(ctx, last.argument as Node, clause.param?.name as string | undefined);
}

const TRY = 'try { await run(); } catch (err) { return ';

describe('errorMapperAnswer', () => {
  it('reads a class method or module function that only maps the error to failure objects', () => {
    expect(
      mapped(
        `class C { async a() { ${TRY}this.handleError(err); } } handleError(e) { console.error(e); switch (e.message) { case 'x': return { statusCode: 400 }; default: return { statusCode: 500, body: JSON.stringify({}) }; } } }`,
      ),
    ).toBe(true);
    expect(
      mapped(
        `function toAnswer(e) { log(e); return { success: false }; } function log(e) { console.error(e); } async function a() { ${TRY}toAnswer(err); } }`,
      ),
    ).toBe(true);
  });

  it('does not read a helper it does not hold, or one that may throw or answer success', () => {
    // Imported, inherited, overloaded: unseen, so it may throw.
    expect(
      mapped(`import { handleError } from './e'; async function a() { ${TRY}handleError(err); } }`),
    ).toBe(false);
    expect(mapped(`class C extends B { async a() { ${TRY}this.handleError(err); } } }`)).toBe(false);
    expect(
      mapped(
        `class C { async a() { ${TRY}this.map(err); } } map(e: Error): R; map(e: unknown): R; map(e) { return { statusCode: 500 }; } }`,
      ),
    ).toBe(false);
    // A field the constructor or a setter fills: whatever function it holds is unseen.
    expect(
      mapped(
        `class F { private onError: H; constructor() { this.onError = (e) => { throw e; }; } async a() { ${TRY}this.onError(err); } } }`,
      ),
    ).toBe(false);
    expect(
      mapped(`class F { onError = (e) => ({ statusCode: 500 }); async a() { ${TRY}this.onError(err); } } }`),
    ).toBe(false);
    // Throws, directly or through a function of the module; builds an error; calls something unseen.
    expect(
      mapped(
        `function m(e) { if (e.fatal) throw e; return { statusCode: 500 }; } async function a() { ${TRY}m(err); } }`,
      ),
    ).toBe(false);
    expect(
      mapped(
        `function re(e) { throw e; } function m(e) { re(e); return { statusCode: 500 }; } async function a() { ${TRY}m(err); } }`,
      ),
    ).toBe(false);
    expect(
      mapped(
        `function m(e) { notify(e); return { statusCode: 500 }; } async function a() { ${TRY}m(err); } }`,
      ),
    ).toBe(false);
    // Answers success on a path, or is not handed the caught error, or fails the invocation.
    expect(
      mapped(
        `function m(e) { if (e.gone) return { statusCode: 200 }; return { statusCode: 500 }; } async function a() { ${TRY}m(err); } }`,
      ),
    ).toBe(false);
    expect(mapped(`function m() { return { statusCode: 500 }; } async function a() { ${TRY}m(); } }`)).toBe(
      false,
    );
    expect(mapped(`async function a(event, context) { ${TRY}context.fail(err); } }`)).toBe(false);
  });
});
