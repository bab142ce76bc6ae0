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
});
