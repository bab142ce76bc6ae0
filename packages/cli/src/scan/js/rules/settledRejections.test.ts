// picksRejected: whether a function's code picks the rejected entries out of a settled answer, read from
// the syntax tree (a comment or a string naming rejections does not count), and tied to that answer.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { handsOn, picksRejected, settleDecided } from './settledRejections.js';

/** `question` for the answer `results`, settled by the first statement of `run`'s body. */
function ask(rest: string, question: typeof picksRejected): boolean {
  const text = `async function run(ids, errors) {\n  const seen = [];\n  const results = await Promise.allSettled(ids.map((i) => save(i)));\n${rest}\n}`;
  const parsed = parseSync('m.ts', text, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const ctx = new ModuleContext('m.ts', text, parsed.program as unknown as Node, parsed.comments);
  const fn = (parsed.program.body as unknown as Node[])[0] as Node;
  const first = ((fn.body as Node).body as Node[])[1] as Node;
  const decl = (first.declarations as Node[])[0] as Node;
  return question(ctx, fn, decl.end, decl);
}

const picks = (rest: string) => ask(rest, picksRejected);
const handed = (rest: string) => ask(rest, handsOn);

describe('picksRejected', () => {
  it('finds a rejected test or a reason read on an entry of the settled answer', () => {
    expect(picks("results.forEach((r, i) => { if (r.status === 'rejected') log(ids[i]); });")).toBe(true);
    expect(picks("const n = results.filter((r) => 'rejected' == r.status).length;")).toBe(true);
    expect(picks('results.filter(isBad).forEach((r) => log((r as PromiseRejectedResult).reason));')).toBe(
      true,
    );
    expect(picks("for (const r of results) if (r.status !== 'rejected') continue; else log(r);")).toBe(true);
    expect(picks("if (results[0].status === 'rejected') log('first failed');")).toBe(true);
    expect(
      picks("for (let i = 0; i < 2; i++) { const r = results[i]; if (r.status === 'rejected') log(r); }"),
    ).toBe(true);
  });

  it('leaves a comment or a string, another list, and a fulfilled-only read', () => {
    expect(
      picks(
        "// rejected sends are re-driven by the DLQ\nconst ok = results.filter((r) => r.status === 'fulfilled');",
      ),
    ).toBe(false);
    expect(picks("log('status === rejected is handled elsewhere', results.length);")).toBe(false);
    expect(
      picks(
        "const other = await load();\nother.forEach((r) => { if (r.status === 'rejected') log(r.reason); });",
      ),
    ).toBe(false);
    expect(picks('const values = results.map((r) => r.value);')).toBe(false);
    // The same name bound again: another list, not the settled answer (review r58 item 3).
    expect(
      picks(
        "const check = (results) => results.forEach((r) => { if (r.status === 'rejected') log(r.reason); });\ncheck(ids);",
      ),
    ).toBe(false);
  });
});

describe('handsOn', () => {
  it('finds a value built from the settled answer returned, pushed into a list that outlives the code, or stored there', () => {
    expect(
      handed(
        "const outcomes = results.map((r) => (r.status === 'rejected' ? r.reason : r.value));\nreturn outcomes;",
      ),
    ).toBe(true);
    expect(handed('return results;')).toBe(true);
    expect(
      handed(
        'for (let i = 0; i < results.length; i++) {\n  const reason = results[i].reason;\n  errors.push(ids[i] + ": " + reason);\n}',
      ),
    ).toBe(true);
    expect(handed("results.forEach((r) => { if (r.status === 'rejected') errors.push(r); });")).toBe(true);
    expect(handed('this.last = results.filter((r) => r.reason);')).toBe(true);
    expect(
      handed(
        "const out = [];\nfor (const r of results) if (r.status === 'rejected') out.push(fail(r.reason));\nreturn out;",
      ),
    ).toBe(true);
  });

  it("leaves a push or a return of anything else, a callback's return, and a list made after the settle", () => {
    expect(handed("seen.push(ids[0]);\nreturn { statusCode: 200, body: 'done' };")).toBe(false);
    expect(handed('context.callbackWaitsForEmptyEventLoop = false;')).toBe(false);
    expect(
      handed("const n = results.map((r) => ({ ...r, ok: r.status === 'fulfilled' })).length;\nlog(n);"),
    ).toBe(false);
    expect(handed("results.map((r) => { return r.reason; });\nreturn 'done';")).toBe(false);
    // A local list made before the settle and only logged, or a count on a local (review r58 item 1).
    expect(
      handed("results.forEach((r) => { if (r.status === 'rejected') seen.push(r.reason); });\nlog(seen);"),
    ).toBe(false);
    expect(handed("seen.failed = results.filter((r) => r.status === 'rejected').length;")).toBe(false);
    // A count in a 2xx answer, a fulfilled-only list, and names that are only keys (review r58 item 2).
    expect(handed('return { statusCode: 200, body: JSON.stringify({ total: results.length }) };')).toBe(
      false,
    );
    expect(
      handed(
        "const failed = results.filter((r) => r.status === 'rejected');\nreturn { statusCode: 200, body: JSON.stringify({ failed: failed.length }) };",
      ),
    ).toBe(false);
    expect(handed('return results.map((r) => r.value);')).toBe(false);
    expect(handed('return { results: 1, n: ids.results };')).toBe(false);
    // The same name bound again in a nested function (review r58 item 3).
    expect(handed('const keep = (results) => errors.push(results);\nkeep(ids);')).toBe(false);
    expect(handed('const local = [];\nresults.forEach((r) => local.push(r.reason));\nlog(local);')).toBe(
      false,
    );
  });
});

describe('settleDecided', () => {
  /** settleDecided at the last statement of `text`. */
  const decided = (text: string) => {
    const parsed = parseSync('m.ts', text, { experimentalRawTransfer: true } as Parameters<
      typeof parseSync
    >[2]);
    const ctx = new ModuleContext('m.ts', text, parsed.program as unknown as Node, parsed.comments);
    return settleDecided(ctx, (parsed.program.body as unknown as Node[]).at(-1) as Node);
  };

  it('reads a decision in a comment just above the settle', () => {
    expect(
      decided(
        "// Send emails (don't fail the request if emails fail)\nconst r = await Promise.allSettled(w);",
      ),
    ).toBe(true);
    expect(decided('/* best-effort fan-out */\nconst r = await Promise.allSettled(w);')).toBe(true);
  });

  it('leaves a comment that only says what the code does, one far above, and code words', () => {
    expect(decided('// Send the emails\nconst r = await Promise.allSettled(w);')).toBe(false);
    expect(
      decided(
        '// best effort\nconst a = 1;\nconst b = 2;\nconst c = 3;\nconst r = await Promise.allSettled(w);',
      ),
    ).toBe(false);
    expect(decided('const optional = true;\nconst r = await Promise.allSettled(w);')).toBe(false);
    // Another statement's comment, and `//` inside a string (review r58 item 5).
    expect(
      decided(
        'try { await add(u); } catch (e) {\n  // best effort\n}\nconst r = await Promise.allSettled(w);',
      ),
    ).toBe(false);
    expect(
      decided(
        "const docs = 'https://wiki.example.com/teams/optional-setup';\nconst r = await Promise.allSettled(w);",
      ),
    ).toBe(false);
  });
});
