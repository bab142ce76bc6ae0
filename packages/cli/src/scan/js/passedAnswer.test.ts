// Which functions only hand on another call's answer (passedAnswer).
import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from './ast.js';
import { passedAnswer } from './passedAnswer.js';
import { contextOf } from './testing/parsed.js';

/** The name of the call `f`'s body hands on, or undefined. */
function handedOn(fn: string): string | undefined {
  const source = `const f = ${fn};`;
  const ctx = contextOf(source);
  const decl = ((ctx.program.body as Node[])[0] as Node).declarations[0] as Node;
  const call = passedAnswer(ctx, decl.init as Node);
  return call === undefined ? undefined : calleeName(call);
}

describe('passedAnswer', () => {
  it.each([
    [
      'a variable returned at once',
      'async (p) => { const result = await api.process(p); return result; }',
      'process',
    ],
    ['a returned await', 'async (p) => { log(p); return await api.process(p); }', 'process'],
    ['an expression body', '(p) => api.process(p)', 'process'],
    [
      'a variable read before the return',
      'async (p) => { const r = await api.process(p); if (!r) throw new Error(); return r; }',
      undefined,
    ],
    ['a computed answer', 'async (p) => { const r = await api.process(p); return !r; }', undefined],
    ['no return at the end', 'async (p) => { await api.process(p); }', undefined],
  ])('%s', (_, fn, expected) => {
    expect(handedOn(fn)).toBe(expected);
  });
});
