// An answer builder whose status parameter defaults to 2xx answers 2xx for a call that leaves it out.
import { describe, expect, it } from 'vitest';
import { firstOfType } from '../testing/parsed.js';
import { successDefaultAt } from './successBuilders.js';
import { answersSuccess } from './successStatus.js';

const fn = (source: string) => firstOfType(source, 'ArrowFunctionExpression');

describe('successDefaultAt', () => {
  it.each([
    ['(data, statusCode = 200) => ({ statusCode, body: JSON.stringify(data) })', 1],
    ['(data, statusCode: number = 201) => { return { statusCode: statusCode, headers: {}, body: data } }', 1],
    ['(statusCode = 200) => ({ statusCode })', 0],
  ])('finds the defaulted status of %s', (source, at) => {
    expect(successDefaultAt(fn(source))).toBe(at);
  });

  it.each([
    '(data, statusCode = 500) => ({ statusCode, body: data })',
    '(data, statusCode) => ({ statusCode, body: data })',
    '(data, statusCode = 200) => { if (!data) statusCode = 404; return { statusCode, body: data } }',
    '(data, code = 200) => ({ statusCode: data.status, body: data })',
    '(data, statusCode = 200) => ({ statusCode, ...data })',
  ])('finds none in %s', (source) => {
    expect(successDefaultAt(fn(source))).toBeUndefined();
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
