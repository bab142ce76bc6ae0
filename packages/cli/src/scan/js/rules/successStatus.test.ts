// Which returned values are a constant 2xx answer (constant2xxAnswer).
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { constant2xxAnswer } from './successStatus.js';

describe('constant2xxAnswer', () => {
  it.each([
    ['an object literal', 'return { statusCode: 200, body: "OK" };', true],
    ['a const bound to one, also the success answer', 'return okStatus;', true],
    ['a const bound to one that only catches answer', 'return signInFailedPage;', false],
    ['a const bound to an error answer', 'return failed;', false],
    ['a let, which may have been given another answer', 'return current;', false],
    ['a status a spread after it may override', 'return { statusCode: 200, ...init };', false],
    ['a parameter', 'return answer;', false],
    ['a const of the function, answered on success too', 'return local;', false],
    [
      'a const the function builds itself',
      'const page = { statusCode: 200, body: "Failed" }; return page;',
      false,
    ],
  ])('%s', (_name, returned, expected) => {
    // Prepare
    const ctx = contextOf(
      `export async function f(answer, init) { const local = { statusCode: 200 }; try { await read(); return local; } catch (e) { ${returned} } }
const okStatus = { statusCode: 200, body: 'OK' };
const failed = { statusCode: 500 };
const signInFailedPage = { statusCode: 200, body: '<p>Sign-in failed</p>' };
let current = { statusCode: 200 };
export const h = () => okStatus;
export const k = () => current;
export function g() { try { return done(); } catch (e) { return signInFailedPage; } }`,
      'm.js',
    );
    // The first return of f's catch.
    let value: Node | undefined;
    someDescendant(ctx.of('CatchClause')[0] as Node, (n) => {
      if (n.type === 'ReturnStatement') value ??= n.argument as Node;
      return false;
    });
    // Act, Assess
    expect(constant2xxAnswer(ctx, value)).toBe(expected);
  });
});
