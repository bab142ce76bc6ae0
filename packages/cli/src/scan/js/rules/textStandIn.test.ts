import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { textStandIn } from './textStandIn.js';

// The first `.catch(...)` call of `async function f() { <body> }`, judged.
const judge = (body: string) => {
  const ctx = contextOf(`async function f(id, key) { ${body} }`);
  const call = ctx.of('CallExpression').find((c: Node) => (c.callee as Node).property?.name === 'catch');
  if (call === undefined) throw new Error('no .catch');
  return textStandIn(ctx, call);
};

describe('textStandIn', () => {
  it.each([
    // a display name with a text default, in a sentence
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test, not a template
      "const m = await names([id]).catch(() => ({})); const who = m[id] ?? 'A user'; await send(`${who} joined`);",
      true,
    ],
    // an optional section picked by a length test
    [
      "let s = ''; const [r] = await Promise.all([rates().catch(() => [])]); if (r.length) { s = '\\nRATES:\\n' + r.map((x) => x.n).join('\\n'); } return s;",
      true,
    ],
    // one part of a joined text, the empty one filtered out
    [
      "const t = key ? await load(key).catch(() => '') : ''; return ['#1', t].filter(Boolean).join('\\n');",
      true,
    ],
    // no plan for the absence: the stand-in is mailed as the report
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test, not a template
    ["const b = await load(id).catch(() => ''); await mail(`Your report:\\n${b}`);", false],
    // the answer gates a send
    ["const p = await profile(id).catch(() => null); if (p) { await send('hi'); }", false],
    // a key, not prose
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test, not a template
    ["const m = await names([id]).catch(() => ({})); await put({ pk: `USER#${m[id] ?? 'A user'}` });", false],
    // stored whole
    ['const tags = await getTags(id).catch(() => []); await put({ tags });', false],
    // a query, not text
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test, not a template
      "const m = await names([id]).catch(() => ({})); await sql`select * from t where n = ${m[id] ?? 'A user'}`;",
      false,
    ],
    // let: may be reassigned
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test, not a template
    ["let m = await names([id]).catch(() => ({})); await send(`${m[id] ?? 'A user'} joined`);", false],
    // the stand-in is the whole text
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test, not a template
    ["const m = await names([id]).catch(() => ({})); await send(`${m[id] ?? 'A user'}`);", false],
    // not held by a name
    ["await send(await names([id]).catch(() => ''));", false],
  ])('%s -> %s', (body, expected) => {
    expect(judge(body)).toBe(expected);
  });
});
