import { describe, expect, it } from 'vitest';
import { readHeader, readNumber, readProp, readString, readText } from './safeRead.js';

const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error('trap');
    },
    ownKeys() {
      throw new Error('trap');
    },
  },
);

describe('safe reads', () => {
  it('never throw on getters, Proxies or primitives', () => {
    // Prepare
    const getter = Object.defineProperty({}, 'code', {
      get() {
        throw new Error('getter');
      },
    });
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    // Act + Assess
    expect(readProp(getter, 'code')).toBeUndefined();
    expect(readProp(hostile, 'code')).toBeUndefined();
    expect(readProp(revoked, 'code')).toBeUndefined();
    expect(readProp('a string', 'length')).toBeUndefined();
    expect(readString(undefined, 'x')).toBeUndefined();
    expect(readNumber({ n: Number.NaN }, 'n')).toBeUndefined();
    expect(readNumber({ n: 3 }, 'n')).toBe(3);
  });

  it('reads text as the string it is, or an empty string', () => {
    // Act + Assess
    expect(readText({ message: 'timeout of 5ms' }, 'message')).toBe('timeout of 5ms');
    expect(readText({ message: 42 }, 'message')).toBe('');
    expect(readText(null, 'message')).toBe('');
  });

  it.each([
    ['fetch Headers', new Headers({ 'Retry-After': '3' })],
    ['a plain object (Node, got)', { 'retry-after': '3' }],
    ['a plain object with odd case', { 'Retry-After': '3' }],
    ['a number value', { 'retry-after': 3 }],
    ['an array value (Node duplicate headers)', { 'retry-after': ['3', '4'] }],
    ['a get() method (AxiosHeaders)', { get: (name: string) => (name === 'retry-after' ? '3' : undefined) }],
  ])('reads a header from %s', (_label, headers) => {
    // Act + Assess
    expect(readHeader(headers, 'Retry-After')).toBe('3');
  });

  it('reads no header from a hostile or missing header object', () => {
    // Act + Assess
    expect(readHeader(hostile, 'retry-after')).toBeUndefined();
    expect(readHeader(undefined, 'retry-after')).toBeUndefined();
    expect(
      readHeader(
        {
          get() {
            throw new Error('x');
          },
        },
        'retry-after',
      ),
    ).toBeUndefined();
  });
});
