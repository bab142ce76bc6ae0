import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue } from './describeValue.js';

describe('describeValue', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [-0, '-0'],
    [12n, '12n'],
    [true, 'true'],
    ['abc', '"abc"'],
    ['a\u001b[2Jb', '"a\\u001b[2Jb"'],
    ['x'.repeat(2049), `"${'x'.repeat(40)}…" (2049 characters)`],
    [[], 'an empty array'],
    [[1], 'an array of 1 item'],
    [[1, 2, 3], 'an array of 3 items'],
    [{ secretAccessKey: 'AKIA' }, 'an object'],
    [Object.create(null), 'an object'],
    [new Map(), 'an instance of Map'],
    [() => 1, 'a function'],
    [Symbol('s'), 'a symbol'],
  ])('%s -> %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('describes a revoked Proxy without throwing', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(describeValue(proxy)).toBe('an object');
  });

  it('never prints a secret held inside any value, and stays short', () => {
    const secret = 'SECRETVALUE1234567890';
    fc.assert(
      fc.property(fc.anything(), (inner) => {
        const text = describeValue({ inner, secret, nested: [secret] });
        expect(text).not.toContain(secret);
        expect(describeValue([inner, secret])).not.toContain(secret);
        expect(describeValue(inner).length).toBeLessThan(120);
      }),
    );
  });
});
