import { describe, expect, it } from 'vitest';
import { showValue } from './showValue.js';

describe('showValue', () => {
  it('quotes a value as JSON, whole up to 120 characters', () => {
    // Arrange: 118 characters and the two quotes.
    const exactly120 = 'x'.repeat(118);

    // Act / Assess
    expect(showValue({ Records: 'no' })).toBe('{"Records":"no"}');
    expect(showValue(exactly120)).toBe(`"${exactly120}"`);
  });

  it('cuts at 120 characters and says so', () => {
    // Arrange
    const exactly121 = 'x'.repeat(119);

    // Act / Assess
    expect(showValue(exactly121)).toBe(`"${'x'.repeat(119)}...`);
  });

  it.each([
    ['undefined', undefined, 'undefined'],
    ['a function', () => 1, 'function'],
    ['a symbol', Symbol('s'), 'symbol'],
    ['a bigint', 10n, 'bigint'],
    [
      'a cycle',
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
      'object',
    ],
  ])('names the type of %s, which has no JSON text', (_, value, shown) => {
    expect(showValue(value)).toBe(shown);
  });
});
