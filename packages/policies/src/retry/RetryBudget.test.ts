import { describe, expect, it } from 'vitest';
import { RetryBudget } from './RetryBudget.js';

describe('RetryBudget', () => {
  it.each([
    ['ratio x successful calls when that is above the floor', 500, 50],
    ['the floor for a quiet caller', 20, 10],
  ])('allows %s over the window', (_label, calls, expected) => {
    // Prepare
    const budget = new RetryBudget({ ratio: 0.1, minRetriesPerSecond: 1, windowMs: 10_000 });
    const now = 1_000_000;
    // Act
    for (let i = 0; i < calls; i++) budget.recordSuccess(now);
    let granted = 0;
    while (budget.tryWithdraw(now)) granted++;
    // Assess: max(calls x 0.1, 1/s x 10 s)
    expect(granted).toBe(expected);
  });

  it('forgets deposits and withdrawals older than the window', () => {
    // Prepare
    const budget = new RetryBudget({ ratio: 0.5, minRetriesPerSecond: 0, windowMs: 10_000 });
    const t0 = 5_000_000;
    for (let i = 0; i < 10; i++) budget.recordSuccess(t0);
    while (budget.tryWithdraw(t0));
    // Act
    const justBefore = budget.available(t0 + 9_000);
    const after = budget.available(t0 + 11_000);
    for (let i = 0; i < 4; i++) budget.recordSuccess(t0 + 11_000);
    // Assess
    expect([justBefore, after, budget.available(t0 + 11_000)]).toEqual([0, 0, 2]);
  });

  it('a quiet caller keeps its floor across long gaps', () => {
    // Prepare
    const budget = new RetryBudget({ ratio: 0, minRetriesPerSecond: 1, windowMs: 10_000 });
    // Act + Assess
    for (let t = 0; t < 600_000; t += 60_000) expect(budget.tryWithdraw(1_000_000 + t)).toBe(true);
  });

  it('a deposit expires a whole window after its slot began: there at windowMs - 1, gone at windowMs', () => {
    // Prepare: slots of 1 s; three deposits in the first slot
    const budget = new RetryBudget({ ratio: 1, minRetriesPerSecond: 0, windowMs: 10_000 });
    for (let i = 0; i < 3; i++) budget.recordSuccess(500);
    // Act + Assess
    expect([budget.available(500), budget.available(9_999), budget.available(10_000)]).toEqual([3, 3, 0]);
  });

  it('withdrawals expire with their slot too, giving the budget back', () => {
    // Prepare
    const budget = new RetryBudget({ ratio: 1, minRetriesPerSecond: 0, windowMs: 10_000 });
    for (let i = 0; i < 5; i++) budget.recordSuccess(0);
    for (let i = 0; i < 5; i++) expect(budget.tryWithdraw(5_000)).toBe(true);
    expect(budget.tryWithdraw(5_000)).toBe(false);
    // Act: the deposits leave at 10 s, new ones arrive, the withdrawals leave at 15 s
    for (let i = 0; i < 2; i++) budget.recordSuccess(10_000);
    // Assess
    expect([budget.available(14_999), budget.available(15_000)]).toEqual([0, 2]);
  });

  it('after a gap longer than the window, slots stay aligned to whole slot lengths', () => {
    // Prepare
    const budget = new RetryBudget({ ratio: 1, minRetriesPerSecond: 0, windowMs: 10_000 });
    budget.recordSuccess(0);
    // Act: the first use after a long gap falls mid-slot (1 000 500 is in the slot starting at 1 000 000)
    budget.recordSuccess(1_000_500);
    budget.recordSuccess(1_000_900);
    // Assess: the old deposit is gone; the new ones leave when their slot's window ends
    expect([budget.available(1_000_900), budget.available(1_009_999), budget.available(1_010_000)]).toEqual([
      2, 2, 0,
    ]);
  });

  it('a gap of a few slots expires only the slots it passed', () => {
    // Prepare
    const budget = new RetryBudget({ ratio: 1, minRetriesPerSecond: 0, windowMs: 10_000 });
    budget.recordSuccess(0);
    budget.recordSuccess(3_000);
    budget.recordSuccess(6_500);
    // Act + Assess: slot 0 leaves at 10 s, slot 3 at 13 s, slot 6 at 16 s
    expect([10_000, 12_999, 13_000, 15_999, 16_000].map((t) => budget.available(t))).toEqual([2, 2, 1, 1, 0]);
  });

  it('ten deposits of 0.1 make one whole retry despite float drift', () => {
    const budget = new RetryBudget({ ratio: 0.1, minRetriesPerSecond: 0, windowMs: 10_000 });
    for (let i = 0; i < 10; i++) budget.recordSuccess(0);
    expect(budget.available(0)).toBe(1);
    expect(budget.tryWithdraw(0)).toBe(true);
    expect(budget.tryWithdraw(0)).toBe(false);
  });

  it('nine deposits of 0.1 are not a retry', () => {
    const budget = new RetryBudget({ ratio: 0.1, minRetriesPerSecond: 0, windowMs: 10_000 });
    for (let i = 0; i < 9; i++) budget.recordSuccess(0);
    expect(budget.available(0)).toBe(0);
    expect(budget.tryWithdraw(0)).toBe(false);
  });

  it('the floor is minRetriesPerSecond over the window, and a withdrawal uses it up', () => {
    const budget = new RetryBudget({ ratio: 0, minRetriesPerSecond: 0.5, windowMs: 4_000 });
    expect(budget.available(0)).toBe(2);
    expect([budget.tryWithdraw(0), budget.tryWithdraw(0), budget.tryWithdraw(0)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(budget.available(0)).toBe(0);
  });

  it('a budget at exactly one retry less the float epsilon (1 - 1e-9) grants that retry, as available() counts it', () => {
    // Prepare: a floor of 0.999999999 retries over a 1 s window
    const budget = new RetryBudget({ ratio: 0, minRetriesPerSecond: 1 - 1e-9, windowMs: 1_000 });
    // Act + Assess
    expect(budget.available(0)).toBe(1);
    expect([budget.tryWithdraw(0), budget.tryWithdraw(0)]).toEqual([true, false]);
  });

  it('a clock stepping back (an NTP correction) does not move the window: deposits still expire on time', () => {
    // Prepare: slots of 1 s; a deposit in the slot that starts at 5 s
    const budget = new RetryBudget({ ratio: 1, minRetriesPerSecond: 0, windowMs: 10_000 });
    budget.recordSuccess(5_000);
    // Act: a read half a slot in the past
    const back = budget.available(4_500);
    // Assess: there until its window ends at 15 s, gone then
    expect([back, budget.available(14_999), budget.available(15_000)]).toEqual([1, 1, 0]);
  });
});
