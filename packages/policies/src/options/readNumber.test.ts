// The one reader of numeric options: its rule text, its bounds (a duration is capped at MAX_TIMER_MS
// with the reason as the fix), and a bound named after the field it comes from.

import { MAX_TIMER_MS } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { type NumberRule, readNumber } from './readNumber.js';

const TIMER_FIX = `Node fires a timer longer than ${MAX_TIMER_MS} ms (about 24.8 days) after 1 ms`;

describe('readNumber', () => {
  it.each<[string, NumberRule, unknown, string]>([
    [
      'a duration under its own max',
      { duration: true, max: 1_000 },
      2_000,
      'a finite number of ms <= 1000, got 2000',
    ],
    [
      'a duration whose max is above the timer limit',
      { duration: true, min: 1, max: 3_000_000_000 },
      3_000_000_000,
      `a finite number of ms >= 1 and <= ${MAX_TIMER_MS}, got 3000000000; ${TIMER_FIX}`,
    ],
    [
      'a duration without a max',
      { duration: true, min: 1 },
      MAX_TIMER_MS + 1,
      `a finite number of ms >= 1 and <= ${MAX_TIMER_MS}, got ${MAX_TIMER_MS + 1}; ${TIMER_FIX}`,
    ],
    [
      'a duration whose named max is above the timer limit',
      { duration: true, max: [3_000_000_000, 'timeout.totalMs'] },
      MAX_TIMER_MS + 1,
      `a finite number of ms <= ${MAX_TIMER_MS}, got ${MAX_TIMER_MS + 1}; ${TIMER_FIX}`,
    ],
    ['a number with only a max', { max: 10 }, 11, 'a finite number <= 10, got 11'],
    [
      'an integer with a named max',
      { integer: true, min: 1, max: [10, 'retry.maxAttempts'] },
      11,
      'an integer >= 1 and <= retry.maxAttempts (10), got 11',
    ],
    [
      'exclusive bounds',
      { min: 0, minExclusive: true, max: 1, maxExclusive: true },
      1,
      'a finite number > 0 and < 1, got 1',
    ],
    ['an integer', { integer: true, min: 0 }, 1.5, 'an integer >= 0, got 1.5'],
    ['a number below its min', { min: 1 }, 0, 'a finite number >= 1, got 0'],
    ['a number at an exclusive min', { min: 0, minExclusive: true }, 0, 'a finite number > 0, got 0'],
    ['a numeric string', { min: 1 }, '5', 'a finite number >= 1, got "5"'],
    ['NaN', {}, Number.NaN, 'a finite number, got NaN'],
  ])('%s: refuses with the rule', (_, rule, value, text) => {
    // Act + Assess
    expect(() => readNumber('edna', 'f', value, 0, rule)).toThrow(new TypeError(`edna: f must be ${text}`));
  });

  it.each<[string, NumberRule, number]>([
    ['a duration at the timer limit', { duration: true, min: 1 }, MAX_TIMER_MS],
    ['a duration at its own max', { duration: true, max: 1_000 }, 1_000],
    ['a number at its max', { max: 10 }, 10],
    ['a number at its min', { min: 1 }, 1],
  ])('%s is accepted', (_, rule, value) => {
    // Act + Assess
    expect(readNumber('edna', 'f', value, 0, rule)).toBe(value);
  });

  it('undefined reads as the fallback', () => {
    expect(readNumber('edna', 'f', undefined, 250, { min: 1, duration: true })).toBe(250);
  });
});
