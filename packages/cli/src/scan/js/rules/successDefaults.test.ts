// An answer builder whose status parameter defaults to 2xx answers 2xx for a call that leaves it out.
import { describe, expect, it } from 'vitest';
import { isFunction, type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { successDefaultAt } from './successBuilders.js';
import { answersSuccess } from './successStatus.js';

/** successDefaultAt of the first function (arrow or declaration) in `source`. */
const defaultIn = (source: string): number | undefined => {
  const ctx = contextOf(source);
  let fn: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (isFunction(n)) fn ??= n;
    return false;
  });
  return successDefaultAt(ctx, fn as Node);
};

describe('successDefaultAt', () => {
  it.each([
    ['(data, statusCode = 200) => ({ statusCode, body: JSON.stringify(data) })', 1],
    ['(data, statusCode: number = 201) => { return { statusCode: statusCode, headers: {}, body: data } }', 1],
    ['(statusCode = 200) => ({ statusCode })', 0],
    // A TypeScript `this` parameter is no argument the call hands.
    ['function answer(this: void, data, statusCode = 200) { return { statusCode, body: data } }', 1],
    // An earlier 2xx-defaulted parameter that is not the status.
    ['(d, limit = 200, statusCode = 200) => ({ statusCode, body: d.slice(0, limit) })', 2],
  ])('finds the defaulted status of %s', (source, at) => {
    expect(defaultIn(source)).toBe(at);
  });

  it.each([
    '(data, statusCode = 500) => ({ statusCode, body: data })',
    '(data, statusCode) => ({ statusCode, body: data })',
    '(data, statusCode = 200) => { if (!data) statusCode = 404; return { statusCode, body: data } }',
    '(data, code = 200) => ({ statusCode: data.status, body: data })',
    '(data, statusCode = 200) => ({ statusCode, ...data })',
    // The builder declares its own status: the answer is not the parameter's default.
    '(data, statusCode = 200) => { if (data instanceof Error) { const statusCode = 500; return { statusCode, body: "" } } return { statusCode, body: data } }',
  ])('finds none in %s', (source) => {
    expect(defaultIn(source)).toBeUndefined();
  });
});

describe('answersSuccess', () => {
  it('takes an always-2xx builder whatever the call hands it', () => {
    expect(answersSuccess({ successAnswer: true }, 3)).toBe(true);
    expect(answersSuccess({ successAnswer: true }, undefined)).toBe(true);
  });

  it('takes a defaulted builder only for a call that leaves the status out', () => {
    expect(answersSuccess({ successDefaultAt: 1 }, 1)).toBe(true);
    expect(answersSuccess({ successDefaultAt: 1 }, 2)).toBe(false);
    expect(answersSuccess({ successDefaultAt: 1 }, undefined)).toBe(false);
    expect(answersSuccess(undefined, 0)).toBe(false);
  });
});
