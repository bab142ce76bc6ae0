import { describe, expect, it } from 'vitest';
import { decideTransition, type ProbeBaseline, type ProbeCounters, recordCheck } from './probeHysteresis.js';

const thresholds = { failureThreshold: 3, successThreshold: 2 };

describe('recordCheck', () => {
  it('counts consecutive results: a success resets failures and a failure resets successes', () => {
    // Prepare
    const c: ProbeCounters = { failures: 0, successes: 0 };

    // Act
    for (const healthy of [false, false, true, true, true, false]) recordCheck(c, healthy);

    // Assess
    expect(c).toEqual({ failures: 1, successes: 0 });
  });
});

describe('decideTransition', () => {
  it.each<[ProbeBaseline, number, number, ReturnType<typeof decideTransition>]>([
    ['closed', 2, 0, { write: false, why: 'below-threshold' }],
    ['closed', 3, 0, { write: true, state: 'open' }],
    ['closed', 0, 9, { write: false, why: 'no-change' }],
    ['open', 9, 0, { write: false, why: 'no-change' }],
    ['open', 0, 1, { write: false, why: 'below-threshold' }],
    ['open', 0, 2, { write: true, state: 'closed' }],
    ['missing', 0, 1, { write: false, why: 'below-threshold' }],
    ['missing', 0, 2, { write: true, state: 'closed' }],
    ['missing', 3, 0, { write: true, state: 'open' }],
    ['repairable', 3, 0, { write: true, state: 'open' }],
    ['forced-open', 0, 99, { write: false, why: 'forced' }],
    ['forced-closed', 99, 0, { write: false, why: 'forced' }],
    ['foreign', 99, 0, { write: false, why: 'foreign' }],
  ])('%s with %i failures and %i successes -> %o', (baseline, failures, successes, expected) => {
    expect(decideTransition(baseline, { failures, successes }, thresholds)).toEqual(expected);
  });
});
