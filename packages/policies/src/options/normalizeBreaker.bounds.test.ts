// Every numeric breaker option pinned on both sides of each bound ({min, integer, max}) with the exact
// message users read, and every accepted value proven read (not replaced by its default). A kind's key
// given with another kind is refused with the fix.
import { describe, expect, it } from 'vitest';
import { normalizeOptions } from './normalizeOptions.js';

const OWNER = "wrapDependency('edna')";
const TIMER_FIX = '; Node fires a timer longer than 2147483647 ms (about 24.8 days) after 1 ms';
const breakerOf = (breaker: object, attemptMs = 500) =>
  normalizeOptions('edna', { timeout: { attemptMs, totalMs: 1_000 }, breaker } as never).breaker;

describe('breaker option bounds', () => {
  it.each([
    // [breaker, field, rule, value as printed, fix]
    [{ halfOpenAfterMs: 0 }, 'halfOpenAfterMs', 'a finite number of ms >= 1 and <= 2147483647', '0', ''],
    [
      { halfOpenAfterMs: 2 ** 31 },
      'halfOpenAfterMs',
      'a finite number of ms >= 1 and <= 2147483647',
      '2147483648',
      TIMER_FIX,
    ],
    [{ halfOpenProbes: 0 }, 'halfOpenProbes', 'an integer >= 1 and <= 1000', '0', ''],
    [{ halfOpenProbes: 1_001 }, 'halfOpenProbes', 'an integer >= 1 and <= 1000', '1001', ''],
    [{ halfOpenProbes: 1.5 }, 'halfOpenProbes', 'an integer >= 1 and <= 1000', '1.5', ''],
    [{ halfOpenFailureRatio: -0.01 }, 'halfOpenFailureRatio', 'a finite number >= 0 and < 1', '-0.01', ''],
    [{ halfOpenFailureRatio: 1 }, 'halfOpenFailureRatio', 'a finite number >= 0 and < 1', '1', ''],
    [{ threshold: 0 }, 'threshold', 'an integer >= 1 and <= 1000000', '0', ''],
    [{ threshold: 1_000_001 }, 'threshold', 'an integer >= 1 and <= 1000000', '1000001', ''],
    [{ threshold: 2.5 }, 'threshold', 'an integer >= 1 and <= 1000000', '2.5', ''],
    [{ kind: 'count', size: 0 }, 'size', 'an integer >= 1 and <= 1000000', '0', ''],
    [{ kind: 'count', size: 1_000_001 }, 'size', 'an integer >= 1 and <= 1000000', '1000001', ''],
    [{ kind: 'count', size: 10.5 }, 'size', 'an integer >= 1 and <= 1000000', '10.5', ''],
    [{ kind: 'count', failureRatio: 0 }, 'failureRatio', 'a finite number > 0 and < 1', '0', ''],
    [{ kind: 'count', failureRatio: 1 }, 'failureRatio', 'a finite number > 0 and < 1', '1', ''],
    [
      { kind: 'count', size: 10, minimumCalls: 0 },
      'minimumCalls',
      'an integer >= 1 and <= breaker.size (10)',
      '0',
      '',
    ],
    [
      { kind: 'count', size: 10, minimumCalls: 11 },
      'minimumCalls',
      'an integer >= 1 and <= breaker.size (10)',
      '11',
      '',
    ],
    [
      { kind: 'count', size: 10, minimumCalls: 2.5 },
      'minimumCalls',
      'an integer >= 1 and <= breaker.size (10)',
      '2.5',
      '',
    ],
    [{ kind: 'sampling', failureRatio: 0 }, 'failureRatio', 'a finite number > 0 and < 1', '0', ''],
    [{ kind: 'sampling', failureRatio: 1 }, 'failureRatio', 'a finite number > 0 and < 1', '1', ''],
    [
      { kind: 'sampling', windowMs: 999 },
      'windowMs',
      'a finite number of ms >= 1000 and <= 2147483647',
      '999',
      '',
    ],
    [
      { kind: 'sampling', windowMs: 2 ** 31 },
      'windowMs',
      'a finite number of ms >= 1000 and <= 2147483647',
      '2147483648',
      TIMER_FIX,
    ],
    [{ kind: 'sampling', minimumCalls: 0 }, 'minimumCalls', 'an integer >= 1 and <= 1000000', '0', ''],
    [
      { kind: 'sampling', minimumCalls: 1_000_001 },
      'minimumCalls',
      'an integer >= 1 and <= 1000000',
      '1000001',
      '',
    ],
    [{ kind: 'sampling', minimumCalls: 1.5 }, 'minimumCalls', 'an integer >= 1 and <= 1000000', '1.5', ''],
    [
      { slowCall: { durationMs: 0 } },
      'slowCall.durationMs',
      'a finite number of ms >= 1 and <= 2147483647',
      '0',
      '',
    ],
    [
      { slowCall: { durationMs: 100, windowSize: 0 } },
      'slowCall.windowSize',
      'an integer >= 1 and <= 1000000',
      '0',
      '',
    ],
    [
      { slowCall: { durationMs: 100, windowSize: 1_000_001 } },
      'slowCall.windowSize',
      'an integer >= 1 and <= 1000000',
      '1000001',
      '',
    ],
    [
      { slowCall: { durationMs: 100, windowSize: 2.5 } },
      'slowCall.windowSize',
      'an integer >= 1 and <= 1000000',
      '2.5',
      '',
    ],
    [
      { slowCall: { durationMs: 100, rateThreshold: 0 } },
      'slowCall.rateThreshold',
      'a finite number > 0 and <= 1',
      '0',
      '',
    ],
    [
      { slowCall: { durationMs: 100, rateThreshold: 1.01 } },
      'slowCall.rateThreshold',
      'a finite number > 0 and <= 1',
      '1.01',
      '',
    ],
    [
      { slowCall: { durationMs: 100, windowSize: 5, minimumCalls: 0 } },
      'slowCall.minimumCalls',
      'an integer >= 1 and <= breaker.slowCall.windowSize (5)',
      '0',
      '',
    ],
    [
      { slowCall: { durationMs: 100, windowSize: 5, minimumCalls: 6 } },
      'slowCall.minimumCalls',
      'an integer >= 1 and <= breaker.slowCall.windowSize (5)',
      '6',
      '',
    ],
    [
      { slowCall: { durationMs: 100, windowSize: 5, minimumCalls: 2.5 } },
      'slowCall.minimumCalls',
      'an integer >= 1 and <= breaker.slowCall.windowSize (5)',
      '2.5',
      '',
    ],
  ])('refuses %o: breaker.%s must be %s', (breaker, field, rule, printed, fix) => {
    expect(() => breakerOf(breaker)).toThrow(
      new TypeError(`${OWNER}: breaker.${field} must be ${rule}, got ${printed}${fix}`),
    );
  });

  it.each([
    [{ halfOpenAfterMs: 1 }, { halfOpenAfterMs: 1 }],
    [{ halfOpenAfterMs: 2 ** 31 - 1 }, { halfOpenAfterMs: 2 ** 31 - 1 }],
    [{ halfOpenProbes: 1 }, { halfOpenProbes: 1 }],
    [{ halfOpenProbes: 1_000 }, { halfOpenProbes: 1_000 }],
    [{ halfOpenFailureRatio: 0.99 }, { halfOpenFailureRatio: 0.99 }],
    [{ threshold: 1 }, { kind: 'consecutive', threshold: 1 }],
    [{ threshold: 1_000_000 }, { threshold: 1_000_000 }],
    [
      { kind: 'count', size: 1, failureRatio: 0.01 },
      { kind: 'count', size: 1, minimumCalls: 1, failureRatio: 0.01 },
    ],
    [
      { kind: 'count', size: 10 },
      { size: 10, minimumCalls: 10, failureRatio: 0.5 },
    ],
    [
      { kind: 'count', size: 1_000_000, minimumCalls: 1_000_000 },
      { size: 1_000_000, minimumCalls: 1_000_000 },
    ],
    [
      { kind: 'count', size: 200 },
      { size: 200, minimumCalls: 100 },
    ],
    [
      { kind: 'sampling', windowMs: 1_000, failureRatio: 0.99 },
      { kind: 'sampling', windowMs: 1_000, failureRatio: 0.99, minimumCalls: 100 },
    ],
    [
      { kind: 'sampling', minimumCalls: 1 },
      { minimumCalls: 1, windowMs: 30_000, failureRatio: 0.1 },
    ],
    [{ kind: 'sampling', minimumCalls: 1_000_000 }, { minimumCalls: 1_000_000 }],
    [
      { slowCall: { durationMs: 1 } },
      { slowCall: { durationMs: 1, rateThreshold: 1, minimumCalls: 10, windowSize: 100 } },
    ],
    [
      { slowCall: { durationMs: 499, windowSize: 5 } },
      { slowCall: { durationMs: 499, rateThreshold: 1, minimumCalls: 5, windowSize: 5 } },
    ],
    [
      { slowCall: { durationMs: 100, windowSize: 1, rateThreshold: 0.01, minimumCalls: 1 } },
      { slowCall: { durationMs: 100, rateThreshold: 0.01, minimumCalls: 1, windowSize: 1 } },
    ],
    [
      { slowCall: { durationMs: 100, windowSize: 1_000_000, minimumCalls: 1_000_000 } },
      { slowCall: { durationMs: 100, rateThreshold: 1, minimumCalls: 1_000_000, windowSize: 1_000_000 } },
    ],
    [{ shadow: true }, { shadow: true }],
    [{ shadow: false }, { shadow: false }],
    [{}, { shadow: false, slowCall: undefined }],
  ])('accepts %o and reads it', (breaker, expected) => {
    expect(breakerOf(breaker)).toMatchObject(expected);
  });

  it('a sampling window must hold two attempts: 2 x attemptMs accepted, 1 ms less refused', () => {
    expect(breakerOf({ kind: 'sampling', windowMs: 2_000 }, 1_000)).toMatchObject({ windowMs: 2_000 });
    expect(() => breakerOf({ kind: 'sampling', windowMs: 1_999 }, 1_000)).toThrow(
      new TypeError(`${OWNER}: breaker.windowMs must be >= 2 x timeout.attemptMs (2000), got 1999`),
    );
  });

  it('a slow-call threshold below attemptMs is accepted, at attemptMs refused', () => {
    expect(breakerOf({ slowCall: { durationMs: 499 } })).toMatchObject({ slowCall: { durationMs: 499 } });
    expect(() => breakerOf({ slowCall: { durationMs: 500 } })).toThrow(
      new TypeError(`${OWNER}: breaker.slowCall.durationMs must be < timeout.attemptMs (500), got 500`),
    );
  });

  it.each([
    [{ kind: 'circuit' }, 'breaker.kind', `'consecutive', 'count' or 'sampling'`, '"circuit"', ''],
    [{ kind: 3 }, 'breaker.kind', `'consecutive', 'count' or 'sampling'`, '3', ''],
    [{ shadow: 'yes' }, 'breaker.shadow', 'a boolean', '"yes"', ''],
    [
      { slowCall: {} },
      'breaker.slowCall.durationMs',
      'given (the slow-call threshold, in ms)',
      'undefined',
      '',
    ],
    [
      { size: 10 },
      'breaker.size',
      "left out with kind 'consecutive'",
      '10',
      "; it belongs to kind 'count' (set breaker.kind; the default is 'consecutive')",
    ],
    [
      { kind: 'sampling', threshold: 3 },
      'breaker.threshold',
      "left out with kind 'sampling'",
      '3',
      "; it belongs to kind 'consecutive'",
    ],
    [
      { kind: 'consecutive', failureRatio: 0.5 },
      'breaker.failureRatio',
      "left out with kind 'consecutive'",
      '0.5',
      "; it belongs to kind 'count' or 'sampling'",
    ],
    [
      { kind: 'count', windowMs: 5_000 },
      'breaker.windowMs',
      "left out with kind 'count'",
      '5000',
      "; it belongs to kind 'sampling'",
    ],
    [
      { kind: 'sampling', size: 5 },
      'breaker.size',
      "left out with kind 'sampling'",
      '5',
      "; it belongs to kind 'count'",
    ],
  ])('refuses %o naming %s and the fix', (breaker, field, rule, printed, fix) => {
    expect(() => breakerOf(breaker)).toThrow(
      new TypeError(`${OWNER}: ${field} must be ${rule}, got ${printed}${fix}`),
    );
  });

  it('slowCall: false and a minimumCalls key with a ratio kind are accepted', () => {
    expect(breakerOf({ slowCall: false })).toMatchObject({ slowCall: undefined });
    expect(breakerOf({ kind: 'count', minimumCalls: 5 })).toMatchObject({ minimumCalls: 5 });
    expect(breakerOf({ kind: 'sampling', minimumCalls: 5 })).toMatchObject({ minimumCalls: 5 });
  });
});
