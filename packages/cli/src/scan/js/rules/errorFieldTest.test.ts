// Which fetch bodies are tested for their API's error field on a branch that leaves (errorFieldTested).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { errorFieldTested } from './errorFieldTest.js';

/** Is `result`, declared first in `body`'s async function, tested so? */
function tested(body: string): boolean {
  const source = `async function f() { const result = await (await fetch(u)).json(); ${body} }`;
  const ctx = contextOf(source, 'm.js');
  const fn = (ctx.program.body as Node[])[0] as Node;
  const declarator = ((fn.body as Node).body as Node[])[0]?.declarations[0] as Node;
  return errorFieldTested(ctx, fn, declarator.end, 'result');
}

describe('errorFieldTested', () => {
  it.each([
    [
      "'error' in, then return null",
      "if ('error' in result) { log(result.error); return null } return result",
      true,
    ],
    ['.error, then throw', 'if (result.error) throw new Error(result.error.message); return result', true],
    [
      '.errors, a throw inside the branch',
      'if (result.errors) { if (x) { throw result.errors[0] } } return result',
      true,
    ],
    [
      "Object.keys(...).includes('error')",
      "if (Object.keys(result).includes('error')) { throw result.error }",
      true,
    ],
    ['hasOwnProperty', "if (result.hasOwnProperty('error')) return undefined; return result.data", true],
    [
      'a branch that only logs and goes on',
      'if (result.error) { log(result.error) } return result.token',
      false,
    ],
    ['another field', 'if (result.items) { return result.items } return []', false],
    ['another variable', 'if (other.error) throw other.error; return result', false],
    [
      'a throw in a nested function only',
      'if (result.error) { later(() => { throw result.error }) } return result',
      false,
    ],
  ])('%s', (_, body, expected) => {
    expect(tested(body)).toBe(expected);
  });
});
