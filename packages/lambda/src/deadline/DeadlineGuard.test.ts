// The guard's arithmetic at its boundaries (when one more record may start, what it remembers) and its one
// timer; its use by sqsHandler and httpHandler is tested with them.
import { lambdaContext } from '@bulwark/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineGuard, knownDeadline } from './DeadlineGuard.js';

const left = (ms: number) => ({ getRemainingTimeInMillis: () => ms });

afterEach(() => {
  vi.useRealTimers();
});

describe('DeadlineGuard.canStart', () => {
  it.each([
    // [remaining, margin, longest so far, may start]
    [100, 100, 0, false], // no budget left, even for work never seen to take time
    [101, 100, 0, true],
    [600, 100, 500, true], // the budget exactly covers the longest record
    [599, 100, 500, false],
  ])(
    'with %i ms left, a %i ms margin and records taking %i ms: %s',
    (remaining, margin, longest, expected) => {
      // Prepare
      const guard = new DeadlineGuard(left(remaining), margin, longest);
      // Act + Assess
      expect(guard.canStart()).toBe(expected);
      expect(guard.budgetMs()).toBe(remaining - margin);
      expect(guard.getRemainingTimeInMillis()).toBe(remaining - margin);
    },
  );
});

describe('DeadlineGuard.observe', () => {
  it('keeps the longest duration: a shorter record does not lower it', () => {
    // Prepare
    const guard = new DeadlineGuard(left(10_000), 100, 500);
    // Act
    guard.observe(200);
    const afterShort = guard.expectedMs;
    guard.observe(700);
    // Assess
    expect(afterShort).toBe(500);
    expect(guard.expectedMs).toBe(700);
  });
});

describe('DeadlineGuard.arm', () => {
  it('keeps one timer: arming again replaces the first stop instead of adding one', async () => {
    // Prepare
    vi.useFakeTimers();
    const guard = new DeadlineGuard(lambdaContext({ remainingMs: 1_000 }), 200, 0);
    const calls: string[] = [];
    // Act
    guard.arm(
      () => calls.push('soft 1'),
      () => calls.push('hard 1'),
    );
    guard.arm(
      () => calls.push('soft 2'),
      () => calls.push('hard 2'),
    );
    await vi.advanceTimersByTimeAsync(800);
    const atMargin = [...calls];
    await vi.advanceTimersByTimeAsync(100);
    // Assess: soft at the margin (200 ms left), hard at half of it
    expect(atMargin).toEqual(['soft 2']);
    expect(calls).toEqual(['soft 2', 'hard 2']);
  });

  it('disarm clears the pending stop', async () => {
    // Prepare
    vi.useFakeTimers();
    const guard = new DeadlineGuard(left(1_000), 200, 0);
    const calls: string[] = [];
    guard.arm(
      () => calls.push('soft'),
      () => calls.push('hard'),
    );
    // Act
    guard.disarm();
    await vi.advanceTimersByTimeAsync(2_000);
    // Assess
    expect(calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('knownDeadline', () => {
  it('gives back a context that can say how long is left', () => {
    const context = left(3_000);
    expect(knownDeadline(context)).toBe(context);
  });

  it.each([
    ['no context', undefined],
    ['null', null],
    ['a context without the method', {}],
    ['a method that is not a function', { getRemainingTimeInMillis: 3_000 }],
    ['a NaN time (a test double)', left(Number.NaN)],
    ['an infinite time', left(Number.POSITIVE_INFINITY)],
    [
      'a method that throws',
      {
        getRemainingTimeInMillis: () => {
          throw new Error('no');
        },
      },
    ],
  ])('knows no deadline for %s', (_label, context) => {
    expect(knownDeadline(context)).toBeUndefined();
  });
});
