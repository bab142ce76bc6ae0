// InvalidRequestError keeps its cause (and grows no `cause: undefined` key without one); the brand check
// isInvalidRequestError takes any value without throwing.

import { classify, isPermanentError } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, isInvalidRequestError } from '../index.js';

describe('InvalidRequestError', () => {
  it('keeps the cause it is given', () => {
    // Prepare
    const cause = new SyntaxError('Unexpected token');
    // Act
    const error = new InvalidRequestError('Not JSON.', [], { status: 400, cause });
    // Assess
    expect(error.cause).toBe(cause);
    expect(error.httpStatus).toBe(400);
  });

  it('has no cause key at all without one, and defaults to 422', () => {
    // Act
    const error = new InvalidRequestError('Too many.', [{ path: 'qty', message: 'at most 100' }]);
    // Assess
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    expect(error.httpStatus).toBe(422);
    expect(isPermanentError(error)).toBe(true);
    expect(classify(error)).toMatchObject({ kind: 'permanent', reason: 'invalid-input' });
  });
});

describe('isInvalidRequestError', () => {
  it('is true for the error and for a copy of it from another package instance (by brand)', () => {
    // Act + Assess
    expect(isInvalidRequestError(new InvalidRequestError('x', []))).toBe(true);
    expect(isInvalidRequestError({ isBulwarkInvalidRequestError: true })).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'InvalidRequestError'],
    ['a function carrying the brand', Object.assign(() => undefined, { isBulwarkInvalidRequestError: true })],
    ['an object with a truthy brand that is not true', { isBulwarkInvalidRequestError: 'yes' }],
    ['another error', new Error('x')],
  ])('is false for %s, without throwing', (_label, value) => {
    // Act + Assess
    expect(isInvalidRequestError(value)).toBe(false);
  });
});
