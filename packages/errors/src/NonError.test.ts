import { describe, expect, it } from 'vitest';
import { NonError, toError } from './NonError.js';

describe('toError', () => {
  it('returns an Error as it is', () => {
    // Prepare
    const error = new RangeError('x');
    // Act + Assess
    expect(toError(error)).toBe(error);
  });

  it('returns an Error whose name was overwritten with a non-string, as it is', () => {
    // Prepare
    const error = Object.assign(new Error('x'), { name: 42 });
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

  it('is named NonError, so logs and serializers say what it is', () => {
    // Act
    const error = toError(undefined);
    // Assess
    expect(error.name).toBe('NonError');
    expect(String(error)).toBe('NonError: a non-Error value was thrown: undefined');
  });

  it('redacts a thrown bearer token out of the message', () => {
    // Act
    const error = toError('Bearer abcdefghijklmnopqrstuv');
    // Assess
    expect(error.message).toBe('a non-Error value was thrown: "Bearer [redacted]"');
  });

  it('bounds the description at 200 characters, even when every character had to be escaped', () => {
    // Prepare: 40 control characters escape to 240 characters of description
    const thrown = '\u0001'.repeat(50);
    // Act
    const { message } = toError(thrown);
    // Assess
    expect(message).toHaveLength('a non-Error value was thrown: '.length + 200);
    expect(message.endsWith('…')).toBe(true);
  });

  it('wraps a function, whatever name and message it carries', () => {
    // Prepare: a function has a string name; give it a string message too
    const fn = Object.assign(() => undefined, { message: 'looks like an error' });
    // Act + Assess
    expect(toError(fn)).toBeInstanceOf(NonError);
  });

  it.each([
    ['a name that is not a string', { name: 1, message: 'm' }],
    ['a message that is not a string', { name: 'Error', message: 1 }],
    ['only a message', { message: 'm' }],
    ['only a name', { name: 'Error' }],
  ])('wraps an object with %s', (_label, value) => {
    // Act + Assess
    expect(toError(value)).toBeInstanceOf(NonError);
  });
});
