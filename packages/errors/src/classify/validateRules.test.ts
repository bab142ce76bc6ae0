// Rule validation at its bounds, with the exact messages users read.
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../options/optionError.js';
import { validateRules } from './validateRules.js';

const base = { match: () => true, kind: 'transient' };
const messageOf = (rules: unknown): string => {
  try {
    validateRules(rules);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('did not throw');
};

describe('validateRules', () => {
  it('returns a copy of a valid list (a later push does not reach the classifier)', () => {
    // Prepare
    const rules = [base];
    // Act
    const checked = validateRules(rules);
    rules.push({ ...base, kind: 'permanent' });
    // Assess
    expect(checked).toEqual([base]);
  });

  it.each([
    [{ ...base, retryAfterMs: 0 }],
    [{ ...base, retryAfterMs: MAX_TIMER_MS }],
    [{ ...base, retryAfterMs: () => 5 }],
    [{ ...base, httpStatus: 400 }],
    [{ ...base, httpStatus: 599 }],
    [{ ...base, code: 'EVENDOR' }],
    [{ ...base, code: () => 'EVENDOR' }],
    [{ ...base, countsTowardBreaker: false }],
    [{ ...base, name: 'vendor', reason: 'throttled' }],
  ])('accepts %o', (rule) => {
    // Act + Assess
    expect(validateRules([rule])).toHaveLength(1);
  });

  it.each([
    [[null], 'createClassifier: rules[0] must be an object, got null'],
    [[[base]], 'createClassifier: rules[0] must be an object, got an array of 1 item'],
    [[{ ...base, name: 7 }], 'createClassifier: rules[0].name must be a string, got 7'],
    [
      [{ ...base, name: 'vendor', match: 'yes' }],
      'createClassifier: rules[0] ("vendor").match must be a function (error) => boolean, got "yes"',
    ],
    [
      [{ ...base, kind: 'flaky' }],
      'createClassifier: rules[0].kind must be one of "transient", "dependency-down", "permanent", "cancelled", got "flaky"',
    ],
    [
      [{ ...base, retryAfterMs: MAX_TIMER_MS + 1 }],
      `createClassifier: rules[0].retryAfterMs must be a number of ms from 0 to ${MAX_TIMER_MS}, or a function, got ${MAX_TIMER_MS + 1}`,
    ],
    [
      [{ ...base, retryAfterMs: Number.POSITIVE_INFINITY }],
      `createClassifier: rules[0].retryAfterMs must be a number of ms from 0 to ${MAX_TIMER_MS}, or a function, got Infinity`,
    ],
    [
      [{ ...base, retryAfterMs: '5' }],
      `createClassifier: rules[0].retryAfterMs must be a number of ms from 0 to ${MAX_TIMER_MS}, or a function, got "5"`,
    ],
    [
      [{ ...base, httpStatus: 399 }],
      'createClassifier: rules[0].httpStatus must be an integer from 400 to 599, got 399',
    ],
    [
      [{ ...base, httpStatus: 600 }],
      'createClassifier: rules[0].httpStatus must be an integer from 400 to 599, got 600',
    ],
    [
      [{ ...base, httpStatus: 503.5 }],
      'createClassifier: rules[0].httpStatus must be an integer from 400 to 599, got 503.5',
    ],
    [
      [{ ...base, httpStatus: '503' }],
      'createClassifier: rules[0].httpStatus must be an integer from 400 to 599, got "503"',
    ],
    [
      [{ ...base, httpStatus: 403 }],
      "createClassifier: rules[0].httpStatus must be a status other than 401/403 (a dependency refusing us is not our caller's auth failure), got 403",
    ],
    [
      [{ ...base, retriable: true }],
      'createClassifier: rules[0] has an unknown field "retriable" (known: name, match, kind, reason, retryAfterMs, httpStatus, countsTowardBreaker, code)',
    ],
    [
      [base, { ...base, reson: 'throttled' }],
      'createClassifier: rules[1] has an unknown field "reson"; did you mean "reason"? (known: name, match, kind, reason, retryAfterMs, httpStatus, countsTowardBreaker, code)',
    ],
  ])('refuses %o', (rules, message) => {
    // Act + Assess
    expect(messageOf(rules)).toBe(message);
  });
});
