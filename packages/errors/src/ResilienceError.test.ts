import { describe, expect, it } from 'vitest';
import { DependencyDownError, PermanentError, TransientError } from './ResilienceError.js';
import { MAX_RETRY_AFTER_MS } from './retryAfter/parseRetryAfter.js';

describe('the three error classes', () => {
  it.each([
    [TransientError, 'TransientError', 'transient', true, 'server-error'],
    [DependencyDownError, 'DependencyDownError', 'dependency-down', false, 'circuit-open'],
    [PermanentError, 'PermanentError', 'permanent', false, 'bad-request'],
  ] as const)(
    '%o: name %s, kind %s, retryable %s, default reason %s',
    (Class, name, kind, retryable, reason) => {
      // Act
      const error = new Class('edna failed');
      // Assess
      expect(error).toBeInstanceOf(Error);
      expect({
        name: error.name,
        kind: error.kind,
        retryable: error.retryable,
        reason: error.reason,
      }).toEqual({
        name,
        kind,
        retryable,
        reason,
      });
      expect(error.message).toBe('edna failed');
      expect(String(error)).toBe(`${name}: edna failed`);
      expect(error.isBulwarkResilienceError).toBe(true);
    },
  );

  it('grows no own keys for options not given (no `cause: undefined`, no `dependency: undefined`)', () => {
    // Act
    const error = new TransientError('x', {});
    // Assess
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    expect(Object.keys(error).sort()).toEqual(['kind', 'name', 'reason', 'retryable']);
  });

  it('keeps every option given', () => {
    // Prepare
    const cause = new Error('socket');
    // Act
    const error = new PermanentError('x', {
      cause,
      dependency: 'edna',
      status: 422,
      retryAfterMs: 1_500,
      reason: 'invalid-input',
      code: 'EBAD',
    });
    // Assess
    expect(error).toMatchObject({
      cause,
      dependency: 'edna',
      status: 422,
      retryAfterMs: 1_500,
      reason: 'invalid-input',
      code: 'EBAD',
    });
  });

  it.each([
    [-5, 0],
    [0, 0],
    [MAX_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS],
    [MAX_RETRY_AFTER_MS + 1, MAX_RETRY_AFTER_MS],
    [1e308, MAX_RETRY_AFTER_MS],
    [Number.POSITIVE_INFINITY, MAX_RETRY_AFTER_MS],
  ])('retryAfterMs %d becomes %d', (given, kept) => {
    // Act + Assess
    expect(new TransientError('x', { retryAfterMs: given }).retryAfterMs).toBe(kept);
  });

  it.each([Number.NaN, '5' as never])('retryAfterMs %s is no hint at all', (given) => {
    // Act
    const error = new TransientError('x', { retryAfterMs: given });
    // Assess
    expect(Object.hasOwn(error, 'retryAfterMs')).toBe(false);
  });

  it('refuses an unknown option, naming the class and the nearest valid option', () => {
    // Act + Assess
    expect(() => new DependencyDownError('x', { retryAfter: 5 } as never)).toThrow(
      new TypeError(
        'DependencyDownError: unknown option "retryAfter"; did you mean "retryAfterMs"? Valid: dependency, status, retryAfterMs, reason, code, cause',
      ),
    );
  });

  it('accepts an options object with only known keys, inherited ones ignored', () => {
    // Prepare: a key on the prototype is not the caller's option
    const options = Object.assign(Object.create({ inherited: true }), { dependency: 'edna' });
    // Act + Assess
    expect(new TransientError('x', options).dependency).toBe('edna');
  });
});
