import { describe, expect, it } from 'vitest';
import { isDependencyDownError, isPermanentError, isResilienceError, isTransientError } from './guards.js';
import { DependencyDownError, PermanentError, TransientError } from './ResilienceError.js';

describe('guards', () => {
  it.each([
    ['TransientError', new TransientError('x'), [true, true, false, false]],
    ['DependencyDownError', new DependencyDownError('x'), [true, false, true, false]],
    ['PermanentError', new PermanentError('x'), [true, false, false, true]],
    ['a plain Error', new Error('x'), [false, false, false, false]],
    ['undefined', undefined, [false, false, false, false]],
  ] as const)('tells %s apart', (_label, value, expected) => {
    // Act
    const got = [
      isResilienceError(value),
      isTransientError(value),
      isDependencyDownError(value),
      isPermanentError(value),
    ];
    // Assess
    expect(got).toEqual(expected);
  });

  it('holds for an error from another copy of the package (no instanceof)', () => {
    // Prepare: a structurally identical error, as a second install of @bulwark/errors would make.
    const foreign = Object.assign(new Error('from another copy'), { name: 'TransientError' });
    Object.defineProperty(foreign, 'isBulwarkResilienceError', { get: () => true });
    // Act + Assess
    expect(isTransientError(foreign)).toBe(true);
    expect(foreign instanceof TransientError).toBe(false);
  });

  it.each([
    ['null', null],
    ['a function carrying the brand', Object.assign(() => undefined, { isBulwarkResilienceError: true })],
    ['a brand that is only truthy', { isBulwarkResilienceError: 'true', name: 'TransientError' }],
  ])('refuses %s', (_label, value) => {
    // Act + Assess
    expect([
      isResilienceError(value),
      isTransientError(value),
      isDependencyDownError(value),
      isPermanentError(value),
    ]).toEqual([false, false, false, false]);
  });

  it('a branded error with another name is a ResilienceError of none of the three kinds', () => {
    // Prepare: a subclass another package defines
    const other = { isBulwarkResilienceError: true, name: 'BulkheadFullError' };
    // Act + Assess
    expect([
      isResilienceError(other),
      isTransientError(other),
      isDependencyDownError(other),
      isPermanentError(other),
    ]).toEqual([true, false, false, false]);
  });
});
