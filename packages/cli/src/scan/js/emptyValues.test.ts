// isDefaultValue / isEmptyValue: the answers a catch returns that a caller cannot tell from a real "nothing".
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { isDefaultValue, isEmptyValue } from './emptyValues.js';
import { parseSource } from './parseSource.js';

const parsedValue = (text: string): Node =>
  (parseSource('v.ts', `x = ${text};`).program.body[0] as Node).expression.right as Node;

describe('isDefaultValue', () => {
  it.each(['null', 'undefined', 'void 0', 'false', "''", '0', '[]', '{}', '([])'])(
    '%s says nothing happened',
    (t) => {
      expect(isDefaultValue(parsedValue(t))).toBe(true);
    },
  );

  it.each(['true', "'error'", '1', '[1]', '{ ok: false }', 'result'])('%s is an answer', (t) => {
    expect(isDefaultValue(parsedValue(t))).toBe(false);
  });

  it('a missing value (a bare `return;`) is a default', () => {
    expect(isDefaultValue(undefined)).toBe(true);
  });
});

describe('isEmptyValue', () => {
  it.each([
    '{ items: [] }',
    '{ items: [], total: 0 }',
    '{ lines: [], meta: {}, next: null }',
    '{ coins: {} }',
    '{ data: null }',
    '{ data: {}, count: 0 }',
    '[]',
    'new Set()',
    'new Map([])',
  ])('%s is an empty page', (t) => {
    expect(isEmptyValue(parsedValue(t))).toBe(true);
  });

  it.each([
    '{ total: 0 }',
    '{ coins: {}, stale: true }',
    '{ data: { id } }',
    '{ items: [], success: false }',
    "{ items: [], status: 'error' }",
    '{ items: [1] }',
    'new Set(ids)',
    "new Map([['a', 1]])",
    'new WeakMap()',
  ])('%s says something (or holds something)', (t) => {
    expect(isEmptyValue(parsedValue(t))).toBe(false);
  });
});
