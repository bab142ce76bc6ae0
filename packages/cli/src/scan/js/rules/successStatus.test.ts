// Which returned values are a constant 2xx answer (constant2xxAnswer).
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { constant2xxAnswer } from './successStatus.js';

describe('constant2xxAnswer', () => {
  it.each([
    ['an object literal', 'return { statusCode: 200, body: "OK" };', true],
    ['a const bound to one', 'return okStatus;', true],
    ['a const bound to an error answer', 'return failed;', false],
    ['a let, which may have been given another answer', 'return current;', false],
    ['a status a spread after it may override', 'return { statusCode: 200, ...init };', false],
    ['a parameter', 'return answer;', false],
    [
      'a const the function builds itself',
      'const page = { statusCode: 200, body: "Failed" }; return page;',
      false,
    ],
  ])('%s', (_name, returned, expected) => {
    // Prepare
    const ctx = contextOf(
      `const okStatus = { statusCode: 200, body: 'OK' };
const failed = { statusCode: 500 };
let current = { statusCode: 200 };
export function f(answer, init) { ${returned} }`,
      'm.js',
    );
    let value: Node | undefined;
    someDescendant(ctx.program, (n) => {
      if (n.type === 'ReturnStatement') value ??= n.argument as Node;
      return false;
    });
    // Act, Assess
    expect(constant2xxAnswer(ctx, value)).toBe(expected);
  });
});
