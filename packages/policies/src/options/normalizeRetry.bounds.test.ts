// Every retry, backoff, budget, timeout and bulkhead bound pinned on both sides with the exact message,
// accepted values proven read, and Polly's "the waits fit in the total" rule at its boundary.
import { describe, expect, it } from 'vitest';
import { normalizeOptions } from './normalizeOptions.js';

const OWNER = "wrapDependency('edna')";
const TIMER_FIX = '; Node fires a timer longer than 2147483647 ms (about 24.8 days) after 1 ms';
const normalize = (options: object) => normalizeOptions('edna', options as never);
const retry = (r: object) => normalize({ timeout: { attemptMs: 1_000, totalMs: 100_000 }, retry: r });

describe('retry, timeout and bulkhead option bounds', () => {
  it.each([
    [{ retry: { maxAttempts: 0 } }, 'retry.maxAttempts', 'an integer >= 1 and <= 10', '0', ''],
    [{ retry: { maxAttempts: 11 } }, 'retry.maxAttempts', 'an integer >= 1 and <= 10', '11', ''],
    [{ retry: { maxAttempts: 2.5 } }, 'retry.maxAttempts', 'an integer >= 1 and <= 10', '2.5', ''],
    [
      { retry: { backoff: { initialDelayMs: -1 } } },
      'retry.backoff.initialDelayMs',
      'a finite number of ms >= 0 and <= 2147483647',
      '-1',
      '',
    ],
    [
      { retry: { backoff: { maxDelayMs: -1 } } },
      'retry.backoff.maxDelayMs',
      'a finite number of ms >= 0 and <= 2147483647',
      '-1',
      '',
    ],
    [
      { retry: { backoff: { maxDelayMs: 2 ** 31 } } },
      'retry.backoff.maxDelayMs',
      'a finite number of ms >= 0 and <= 2147483647',
      '2147483648',
      TIMER_FIX,
    ],
    [
      { retry: { backoff: { exponent: 0.99 } } },
      'retry.backoff.exponent',
      'a finite number >= 1 and <= 100',
      '0.99',
      '',
    ],
    [
      { retry: { backoff: { exponent: 100.5 } } },
      'retry.backoff.exponent',
      'a finite number >= 1 and <= 100',
      '100.5',
      '',
    ],
    [
      { retry: { backoff: { initialDelayMs: 301, maxDelayMs: 300 } } },
      'retry.backoff.initialDelayMs',
      '<= retry.backoff.maxDelayMs (300)',
      '301',
      '',
    ],
    [
      { retry: { backoff: { jitter: 'equal' } } },
      'retry.backoff.jitter',
      "'decorrelated', 'full' or 'none'",
      '"equal"',
      '',
    ],
    [{ retry: { backoff: null } }, 'retry.backoff', 'an object', 'null', ''],
    [{ retry: { backoff: 5 } }, 'retry.backoff', 'an object', '5', ''],
    [{ retry: true }, 'retry', 'an object or false', 'true', ''],
    [{ retry: { budget: true } }, 'retry.budget', 'an object or false', 'true', ''],
    [
      { retry: { budget: { ratio: -0.1 } } },
      'retry.budget.ratio',
      'a finite number >= 0 and <= 1000',
      '-0.1',
      '',
    ],
    [
      { retry: { budget: { ratio: 1_000.5 } } },
      'retry.budget.ratio',
      'a finite number >= 0 and <= 1000',
      '1000.5',
      '',
    ],
    [
      { retry: { budget: { minRetriesPerSecond: -1 } } },
      'retry.budget.minRetriesPerSecond',
      'a finite number >= 0 and <= 1000000',
      '-1',
      '',
    ],
    [
      { retry: { budget: { minRetriesPerSecond: 1_000_001 } } },
      'retry.budget.minRetriesPerSecond',
      'a finite number >= 0 and <= 1000000',
      '1000001',
      '',
    ],
    [
      { retry: { budget: { windowMs: 999 } } },
      'retry.budget.windowMs',
      'a finite number of ms >= 1000 and <= 2147483647',
      '999',
      '',
    ],
  ])('refuses %o: %s must be %s', (options, field, rule, printed, fix) => {
    expect(() => normalize({ timeout: { attemptMs: 1_000, totalMs: 100_000 }, ...options })).toThrow(
      new TypeError(`${OWNER}: ${field} must be ${rule}, got ${printed}${fix}`),
    );
  });

  it('checks a budget even when a single attempt makes it moot', () => {
    expect(() => retry({ maxAttempts: 1, budget: { ratio: -1 } })).toThrow(/retry\.budget\.ratio must be/);
    expect(retry({ maxAttempts: 1, budget: { ratio: 0.5 } }).budget).toBeUndefined();
  });

  it.each([
    [{ maxAttempts: 1 }, { maxAttempts: 1 }],
    [{ maxAttempts: 10 }, { maxAttempts: 10 }],
    [
      { backoff: { jitter: 'full', initialDelayMs: 0, maxDelayMs: 0, exponent: 1 } },
      { backoff: { jitter: 'full', initialDelayMs: 0, maxDelayMs: 0, exponent: 1 } },
    ],
    [
      { backoff: { jitter: 'none', initialDelayMs: 300, maxDelayMs: 300, exponent: 100 } },
      { backoff: { jitter: 'none', initialDelayMs: 300, maxDelayMs: 300, exponent: 100 } },
    ],
    [
      { budget: { ratio: 0, minRetriesPerSecond: 0, windowMs: 1_000 } },
      { budget: { ratio: 0, minRetriesPerSecond: 0, windowMs: 1_000 } },
    ],
    [
      { budget: { ratio: 1_000, minRetriesPerSecond: 1_000_000 } },
      { budget: { ratio: 1_000, minRetriesPerSecond: 1_000_000, windowMs: 10_000 } },
    ],
    [{ budget: false }, { budget: undefined }],
    [{}, { maxAttempts: 3, budget: { ratio: 0.2, minRetriesPerSecond: 1, windowMs: 10_000 } }],
  ])('accepts retry %o and reads it', (r, expected) => {
    expect(retry(r)).toMatchObject(expected);
  });

  it('retry: false is one attempt with no budget', () => {
    expect(normalize({ retry: false })).toMatchObject({ maxAttempts: 1, budget: undefined });
  });

  it("Polly's rule: the worst-case sum of the waits must be below totalMs (1 ms more is accepted)", () => {
    // 3 attempts: waits of min(500, 100 x 2^0) + min(500, 100 x 2^1) = 300 ms
    const r = { maxAttempts: 3, backoff: { initialDelayMs: 100, maxDelayMs: 500, exponent: 2 } };
    expect(normalize({ timeout: { attemptMs: 100, totalMs: 301 }, retry: r })).toMatchObject({
      maxAttempts: 3,
    });
    expect(() => normalize({ timeout: { attemptMs: 100, totalMs: 300 }, retry: r })).toThrow(
      new TypeError(
        `${OWNER}: retry.maxAttempts must be few enough that the summed backoff (300 ms over 2 waits, from retry.backoff) is < timeout.totalMs (300), got 3; lower retry.maxAttempts or retry.backoff.maxDelayMs, or raise timeout.totalMs`,
      ),
    );
    // maxDelayMs caps each wait: 4 attempts with 100, 150, 150 = 400 ms
    const capped = { maxAttempts: 4, backoff: { initialDelayMs: 100, maxDelayMs: 150, exponent: 2 } };
    expect(normalize({ timeout: { attemptMs: 100, totalMs: 401 }, retry: capped })).toMatchObject({
      maxAttempts: 4,
    });
    expect(() => normalize({ timeout: { attemptMs: 100, totalMs: 400 }, retry: capped })).toThrow(
      /\(400 ms over 3 waits/,
    );
  });

  it.each([
    [
      { timeout: { attemptMs: 0 } },
      'timeout.attemptMs',
      'a finite number of ms >= 1 and <= 2147483647',
      '0',
      '',
    ],
    [{ timeout: { totalMs: 0 } }, 'timeout.totalMs', 'a finite number of ms >= 1 and <= 2147483647', '0', ''],
    [
      { timeout: { attemptMs: 2 ** 31 } },
      'timeout.attemptMs',
      'a finite number of ms >= 1 and <= 2147483647',
      '2147483648',
      TIMER_FIX,
    ],
    [
      { timeout: { attemptMs: 1_001, totalMs: 1_000 } },
      'timeout.attemptMs',
      '<= timeout.totalMs (1000)',
      '1001',
      '',
    ],
    [
      { timeout: false },
      'timeout',
      'an object',
      'false',
      '; a timeout cannot be turned off: give larger attemptMs/totalMs',
    ],
    [{ timeout: 5 }, 'timeout', 'an object', '5', ''],
    [{ bulkhead: {} }, 'bulkhead.limit', 'given (calls in flight at once)', 'undefined', ''],
    [{ bulkhead: { limit: 0 } }, 'bulkhead.limit', 'an integer >= 1 and <= 1000000', '0', ''],
    [{ bulkhead: { limit: 1_000_001 } }, 'bulkhead.limit', 'an integer >= 1 and <= 1000000', '1000001', ''],
    [{ bulkhead: { limit: 1.5 } }, 'bulkhead.limit', 'an integer >= 1 and <= 1000000', '1.5', ''],
    [{ bulkhead: { limit: 1, queue: -1 } }, 'bulkhead.queue', 'an integer >= 0 and <= 1000000', '-1', ''],
    [
      { bulkhead: { limit: 1, queue: 1_000_001 } },
      'bulkhead.queue',
      'an integer >= 0 and <= 1000000',
      '1000001',
      '',
    ],
    [{ bulkhead: 5 }, 'bulkhead', 'an object or false', '5', ''],
    [{ breaker: 5 }, 'breaker', 'an object or false', '5', ''],
    [{ fallback: 'cached' }, 'fallback', 'a function', '"cached"', ''],
    [{ classify: {} }, 'classify', 'a function', 'an object', ''],
  ])('refuses %o: %s must be %s', (options, field, rule, printed, fix) => {
    expect(() => normalize(options)).toThrow(
      new TypeError(`${OWNER}: ${field} must be ${rule}, got ${printed}${fix}`),
    );
  });

  it('accepts the edges of timeout and bulkhead and reads them', () => {
    expect(normalize({ timeout: { attemptMs: 1, totalMs: 1 }, retry: false })).toMatchObject({
      attemptMs: 1,
      totalMs: 1,
    });
    expect(normalize({ timeout: { attemptMs: 40_000 } })).toMatchObject({
      attemptMs: 40_000,
      totalMs: 40_000,
    });
    expect(normalize({ timeout: { attemptMs: 20_000 } })).toMatchObject({
      attemptMs: 20_000,
      totalMs: 30_000,
    });
    expect(normalize({ bulkhead: { limit: 1 } }).bulkhead).toEqual({ limit: 1, queue: 0 });
    expect(normalize({ bulkhead: { limit: 1_000_000, queue: 1_000_000 } }).bulkhead).toEqual({
      limit: 1_000_000,
      queue: 1_000_000,
    });
    expect(normalize({ bulkhead: false }).bulkhead).toBeUndefined();
    expect(normalize({ breaker: false }).breaker).toBeUndefined();
  });
});
