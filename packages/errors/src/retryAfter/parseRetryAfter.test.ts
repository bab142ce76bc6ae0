import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './parseRetryAfter.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');

describe('parseRetryAfter', () => {
  it.each([
    ['delay-seconds', '2', 2_000],
    ['zero', '0', 0],
    ['surrounding whitespace', ' 5 ', 5_000],
    ['fractional seconds (non-standard, tolerated)', '1.5', 1_500],
    ['IMF-fixdate 10 s ahead', 'Wed, 21 Oct 2026 07:28:10 GMT', 10_000],
    ['RFC 850 date 1 min ahead', 'Wednesday, 21-Oct-26 07:29:00 GMT', 60_000],
    ['asctime date 20 s ahead', 'Wed Oct 21 07:28:20 2026', 20_000],
    ['a date in the past', 'Wed, 21 Oct 2026 07:00:00 GMT', 0],
    ['seconds beyond the clamp', '86400', MAX_RETRY_AFTER_MS],
    ['a date beyond the clamp', 'Thu, 22 Oct 2026 07:28:00 GMT', MAX_RETRY_AFTER_MS],
  ])('reads %s', (_label, value, expected) => {
    // Act
    const got = parseRetryAfter(value, NOW);
    // Assess
    expect(got).toBe(expected);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty', ''],
    ['negative', '-5'],
    ['words', 'soon'],
    ['an ISO date (not an HTTP-date)', '2026-10-21T07:28:10Z'],
    ['a number with units', '5s'],
    ['a date with an impossible day', 'Wed, 45 Oct 2026 07:28:00 GMT'],
    ['a very long value', '1'.repeat(100)],
  ])('gives undefined for %s', (_label, value) => {
    // Act + Assess
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('takes its clamp from the third argument', () => {
    // Act + Assess
    expect(parseRetryAfter('30', NOW, 10_000)).toBe(10_000);
    expect(parseRetryAfter('30', NOW, -1)).toBe(0);
  });

  it('uses Date.now() when no clock is given', () => {
    // Prepare
    const ahead = new Date(Date.now() + 60_000).toUTCString();
    // Act
    const got = parseRetryAfter(ahead);
    // Assess: second precision in the header
    expect(got).toBeGreaterThan(58_000);
    expect(got).toBeLessThanOrEqual(60_000);
  });
});
