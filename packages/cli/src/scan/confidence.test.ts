// A finding's confidence follows its rule's precision on code it had never seen, then the finding's facts.
import { describe, expect, it } from 'vitest';
import { baseOf, confidenceOf } from './confidence.js';

describe('baseOf', () => {
  it('is high only for rules right 85 % or more over 15 or more unseen findings', () => {
    expect(baseOf('http-no-timeout')).toBe('high');
    expect(baseOf('sdk-client-no-timeout')).toBe('high');
    // 81 of 89 after round 38 (73 of 81 after round 37, 60 of 68 after round 36, 39 of 47 before round 34: medium).
    expect(baseOf('iac-gateway-timeout-exceeds-lambda')).toBe('high');
    // 30 of 35 once the round-64 set was added (3 of 3 there; 27 of 32 before, just under 85 %: medium).
    expect(baseOf('iac-no-event-archive')).toBe('high');
  });

  it('is low for rules wrong more than half the time on unseen code', () => {
    expect(baseOf('batch-no-partial-failure')).toBe('low');
    expect(baseOf('insert-no-upsert')).toBe('low');
    // 24 of 49 once the round-47 set was added (0 of 3 there; 24 of 46 after round 46: medium).
    expect(baseOf('random-id-nondeterministic')).toBe('low');
    // 32 of 65 once the round-64 set was added (0 of 1 there; 32 of 64 before, just over half: medium).
    expect(baseOf('promise-all-no-partial')).toBe('low');
  });

  it('is medium for rules right more than half the time on unseen code but under 85 %', () => {
    // 53 of 66 once the round-38 held-aside set was added (43 of 56 after round 37).
    expect(baseOf('floating-promise')).toBe('medium');
    // Right exactly half the time or just over once the round-29 set was added (47 of 93, 11 of 22).
    expect(baseOf('iac-missing-dlq')).toBe('medium');
    expect(baseOf('retry-no-jitter')).toBe('medium');
    // Exactly half once the round-32 set was added (22 of 44; 19 of 41 before): not below half.
    expect(baseOf('iac-no-reserved-concurrency')).toBe('medium');
    // 22 of 32 once the round-43 set was added (22 of 22 before: high): ten findings on one repository's
    // session checks, none of them a remote lookup, took it back under 85 %.
    expect(baseOf('infra-error-as-auth')).toBe('medium');
  });

  it('is medium when there are too few unseen findings to tell, however precise', () => {
    expect(baseOf('no-retry')).toBe('medium');
    expect(baseOf('in-process-breaker-state')).toBe('medium');
    expect(baseOf('swallowed-error')).toBe('medium');
  });

  it('is low for the style rule', () => {
    expect(baseOf('console-logging')).toBe('low');
  });
});

describe('confidenceOf', () => {
  it('lowers a finding that reports less than its rule, raises one seen in code and template', () => {
    expect(confidenceOf('http-no-timeout', { lowered: true, twinned: false })).toBe('medium');
    expect(confidenceOf('iac-missing-dlq', { lowered: false, twinned: true })).toBe('high');
    expect(confidenceOf('sdk-client-no-timeout', { lowered: false, twinned: false, unread: true })).toBe(
      'low',
    );
  });
});
