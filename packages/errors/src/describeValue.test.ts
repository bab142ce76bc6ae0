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

describe('describeValue at its edges', () => {
  it.each([
    [0, '0'],
    [false, 'false'],
    [-1.5, '-1.5'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
    ['', '""'],
    ['x'.repeat(40), `"${'x'.repeat(40)}"`],
    ['x'.repeat(41), `"${'x'.repeat(40)}…" (41 characters)`],
    ['a\u007fb', '"a\\u007fb"'],
    ['a\u0085b', '"a\\u0085b"'],
    ['a\u009fb', '"a\\u009fb"'],
    ['a\u200eb\u200fc', '"a\\u200eb\\u200fc"'],
    ['a\u202ab\u202ec', '"a\\u202ab\\u202ec"'],
    ['a\u2066b\u2069c', '"a\\u2066b\\u2069c"'],
    ['é\u00a0\u2065\u206a', '"é\u00a0\u2065\u206a"'],
    [[1, 2], 'an array of 2 items'],
  ])('%j -> %s', (value, expected) => {
    // Act + Assess
    expect(describeValue(value)).toBe(expected);
  });

  it('names a class instance by its constructor, only when the name is a plain identifier of <= 40 chars', () => {
    // Prepare
    const named = (name: string) => {
      const ctor = class {};
      Object.defineProperty(ctor, 'name', { value: name });
      return Object.create(ctor.prototype);
    };
    // Act + Assess
    expect(describeValue(new (class Order {})())).toBe('an instance of Order');
    expect(describeValue(named(`$_${'A'.repeat(38)}`))).toBe(`an instance of $_${'A'.repeat(38)}`);
    expect(describeValue(named('A'.repeat(41)))).toBe('an object');
    expect(describeValue(named('1abc'))).toBe('an object');
    expect(describeValue(named('ok\u001b[2J'))).toBe('an object');
    expect(describeValue(named('x ok'))).toBe('an object');
    expect(describeValue(named(''))).toBe('an object');
    expect(describeValue(Object.create({ constructor: 'Order' }))).toBe('an object');
  });

  it('still describes an object whose getPrototypeOf trap throws', () => {
    // Prepare
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    // Act + Assess
    expect(describeValue(hostile)).toBe('an object');
  });
});
