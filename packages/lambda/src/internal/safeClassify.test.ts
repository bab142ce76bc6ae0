import { classify } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { safeClassify, UNREADABLE } from './safeClassify.js';

describe('safeClassify', () => {
  it("answers the classifier's verdict", () => {
    const error = new TypeError('bug');
    expect(safeClassify(error, classify)).toEqual(classify(error));
  });

  it('answers UNREADABLE when the classifier throws or returns nothing', () => {
    const throwing = () => {
      throw new Error('classifier bug');
    };
    expect(safeClassify(new Error('x'), throwing)).toBe(UNREADABLE);
    expect(safeClassify(new Error('x'), () => undefined as never)).toBe(UNREADABLE);
  });

  it('answers a permanent, non-retryable verdict that never trips a breaker', () => {
    expect(UNREADABLE).toMatchObject({
      kind: 'permanent',
      reason: 'unknown',
      retryable: false,
      countsTowardBreaker: false,
      httpStatus: 500,
      message: 'an unreadable failure',
    });
  });
});
