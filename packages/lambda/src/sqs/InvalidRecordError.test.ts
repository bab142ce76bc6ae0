import { isPermanentError } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { InvalidRecordError, isInvalidRecordError } from './InvalidRecordError.js';

describe('InvalidRecordError', () => {
  it('is a permanent error with reason invalid-input, its message and its issues', () => {
    // Arrange
    const issues = [{ path: 'orderId', message: 'Required' }];

    // Act
    const error = new InvalidRecordError('record body fails the schema', issues);

    // Assess
    expect(isPermanentError(error)).toBe(true);
    expect(error.name).toBe('PermanentError');
    expect(error.reason).toBe('invalid-input');
    expect(error.message).toBe('record body fails the schema');
    expect(error.issues).toBe(issues);
  });

  it('keeps the cause it is given, and has no cause key without one', () => {
    // Arrange
    const cause = new SyntaxError('Unexpected token');

    // Act
    const withCause = new InvalidRecordError('record body is not JSON', [], cause);
    const without = new InvalidRecordError('record body fails the schema', []);

    // Assess
    expect(withCause.cause).toBe(cause);
    expect(Object.hasOwn(without, 'cause')).toBe(false);
  });
});

describe('isInvalidRecordError', () => {
  it('recognises the error and any object carrying its brand (another copy of the package)', () => {
    expect(isInvalidRecordError(new InvalidRecordError('bad', []))).toBe(true);
    expect(isInvalidRecordError({ isBulwarkInvalidRecordError: true })).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'isBulwarkInvalidRecordError'],
    ['a plain error', new Error('x')],
    ['a truthy brand that is not true', { isBulwarkInvalidRecordError: 1 }],
    ['a function carrying the brand', Object.assign(() => undefined, { isBulwarkInvalidRecordError: true })],
  ])('is false for %s', (_, value) => {
    expect(isInvalidRecordError(value)).toBe(false);
  });
});
