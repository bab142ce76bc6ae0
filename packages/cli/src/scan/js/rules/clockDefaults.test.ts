// Which parameter's absence makes an id helper return the time of this attempt (clockDefaultParam).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { clockDefaultParam } from './clockDefaults.js';

/** clockDefaultParam of the module's first function; `$(x)` in the cases stands for a template's `${x}`. */
function param(written: string): number | undefined {
  const source = written.replaceAll('$(', '$' + '{');
  const ctx = contextOf(source, 'm.js');
  const first = (ctx.program.body as Node[])[0] as Node;
  const fn = first.type === 'VariableDeclaration' ? ((first.declarations as Node[])[0]?.init as Node) : first;
  return clockDefaultParam(ctx, fn);
}

describe('clockDefaultParam', () => {
  it.each([
    [
      '`||` fallback',
      'function k(type, id, ts) { const t = ts || Math.floor(Date.now() / 1000); return `$(type}-$(id}-$(t}`; }',
      2,
    ],
    ['`??` fallback', 'function k(id, at) { const t = at ?? Date.now(); return `$(id}:$(t}`; }', 1],
    ['a default `= Date.now()`', 'const k = (id, at = Date.now()) => `$(id}:$(at}`;', 1],
    ['a default `new Date()`', 'function k(id, at = new Date()) { return `$(id}:$(at.toISOString()}`; }', 1],
    [
      'a fallback not returned',
      'function k(id, at) { const t = at || Date.now(); log(t); return id; }',
      undefined,
    ],
    ['no fallback', 'function k(type, id) { return `$(type}-$(id}`; }', undefined],
  ])('%s', (_, source, expected) => {
    // Act and assess
    expect(param(source)).toBe(expected);
  });
});
