import { describe, expect, it } from 'vitest';
import { NonError, toError } from './NonError.js';

describe('toError', () => {
  it('returns an Error as it is', () => {
    // Prepare
    const error = new RangeError('x');
    // Act + Assess
    expect(toError(error)).toBe(error);
  });

  it('keeps an Error-shaped value from another realm', () => {
    // Prepare
    const foreign = { name: 'Error', message: 'from a vm context' };
    // Act + Assess
    expect(toError(foreign)).toBe(foreign);
  });

  it.each([
    ['undefined', undefined, 'a non-Error value was thrown: undefined'],
    ['a string', 'boom', 'a non-Error value was thrown: "boom"'],
    ['a number', 7, 'a non-Error value was thrown: 7'],
    ['a plain object', { code: 1 }, 'a non-Error value was thrown: an object'],
  ])('wraps %s in a NonError that keeps it', (_label, value, message) => {
    // Act
    const error = toError(value);
    // Assess
    expect(error).toBeInstanceOf(NonError);
    expect(error.message).toBe(message);
    expect((error as NonError).value).toBe(value);
  });

  it('wraps a hostile Proxy instead of throwing', () => {
    // Prepare
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    // Act + Assess
    expect(toError(hostile)).toBeInstanceOf(NonError);
  });
});
