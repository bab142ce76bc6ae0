import { describe, expect, it } from 'vitest';
import { DEFAULT_FLEET_RETRY_HINT_MS, fleetRetryAfterMs } from './fleetRetryAfter.js';
import type { BreakerStateDocument } from './SharedBreakerState.js';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const doc = (state: BreakerStateDocument['state'], retryAt?: string): BreakerStateDocument => ({
  version: 1,
  dependency: 'edna',
  state,
  since: '2026-11-23T09:00:00.000Z',
  ...(retryAt === undefined ? {} : { retryAt }),
  writtenBy: { kind: 'probe', id: 'p' },
  updatedAt: '2026-11-23T09:00:00.000Z',
});

describe('fleetRetryAfterMs', () => {
  it.each([
    ['open, retryAt 20 s ahead', doc('open', '2026-11-23T10:00:20.000Z'), undefined, 20_000],
    ['open, retryAt 200 ms ahead (raised to 1 s)', doc('open', '2026-11-23T10:00:00.200Z'), undefined, 1_000],
    ['open, retryAt in year 9999', doc('open', '9999-12-31T23:59:59.000Z'), undefined, 120_000],
    [
      'open, retryAt an hour ago',
      doc('open', '2026-11-23T09:00:00.000Z'),
      undefined,
      DEFAULT_FLEET_RETRY_HINT_MS,
    ],
    ['open, retryAt an hour ago, hint 45 s', doc('open', '2026-11-23T09:00:00.000Z'), 45_000, 45_000],
    ['open without retryAt', doc('open'), undefined, DEFAULT_FLEET_RETRY_HINT_MS],
    ['forced-open', doc('forced-open'), undefined, DEFAULT_FLEET_RETRY_HINT_MS],
    ['forced-open, hint 5 s', doc('forced-open'), 5_000, 5_000],
    ['forced-open, hint 0 (out of range: the default)', doc('forced-open'), 0, DEFAULT_FLEET_RETRY_HINT_MS],
    ['forced-open, hint NaN', doc('forced-open'), Number.NaN, DEFAULT_FLEET_RETRY_HINT_MS],
    ['forced-open, hint 1e308', doc('forced-open'), 1e308, DEFAULT_FLEET_RETRY_HINT_MS],
    ['a retryAt that does not parse', doc('open', 'soon'), undefined, DEFAULT_FLEET_RETRY_HINT_MS],
    ['open, retryAt now', doc('open', '2026-11-23T10:00:00.000Z'), 45_000, 45_000],
    ['forced-open, hint 1 s (the lowest accepted)', doc('forced-open'), 1_000, 1_000],
    ['forced-open, hint 999 ms', doc('forced-open'), 999, DEFAULT_FLEET_RETRY_HINT_MS],
    ['forced-open, hint 120 s (the highest accepted)', doc('forced-open'), 120_000, 120_000],
    ['forced-open, hint 120,001 ms', doc('forced-open'), 120_001, DEFAULT_FLEET_RETRY_HINT_MS],
    [
      'forced-open, hint "45000" (not a number)',
      doc('forced-open'),
      '45000' as never,
      DEFAULT_FLEET_RETRY_HINT_MS,
    ],
    [
      "a retryAt that is not a string (a custom state's Date)",
      { ...doc('open'), retryAt: new Date(NOW + 20_000) as never },
      undefined,
      DEFAULT_FLEET_RETRY_HINT_MS,
    ],
  ])('%s -> %s ms', (_label, document, hint, expected) => {
    // Act
    const got = fleetRetryAfterMs(document, NOW, hint);

    // Assess
    expect(got).toBe(expected);
  });
});
