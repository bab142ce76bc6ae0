// Which checks after a log-only catch find the variable its try left unset (findsUnset).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { findsUnset } from './unsetWhenFailed.js';

/** Is the test of `if (<test>) throw e` true when `x` was never set? */
function finds(test: string): boolean {
  const source = `if (${test}) throw e;`;
  const ctx = contextOf(source, 'm.js');
  const statement = (ctx.program.body as Node[])[0] as Node;
  return findsUnset(statement.test as Node, 'x');
}

describe('findsUnset', () => {
  it.each([
    ['!x', true],
    ['!x?.a', true],
    ['!x.a', true],
    ['x?.a === undefined', true],
    ['x?.a == null', true],
    ['typeof x === "undefined"', true],
    ['x?.a === null', false],
    ['x === null', false],
    ['x && !x.a', false],
  ])('%s -> %s', (test, expected) => {
    expect(finds(test)).toBe(expected);
  });
});
