// Total timeout and deadlines: the call's bound is the nearest of totalMs, the `deadline` option and
// any withDeadline scope; a deadline signal is kept to end the call early.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from '../deadline/withDeadline.js';
import { TotalTimeout } from './totalTimeout.js';

describe('TotalTimeout', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends a call totalMs after it started', () => {
    expect(new TotalTimeout(3_000, undefined).bounds(1_000)).toEqual({
      endAt: 4_000,
      endKind: 'total',
      signals: undefined,
    });
  });

  it('a nearer deadline option wins and is reported as a deadline', () => {
    // Prepare: remaining time of 500 ms
    const total = new TotalTimeout(3_000, () => 500);
    // Act
    const bounds = total.bounds(Date.now());
    // Assert
    expect(bounds.endAt - Date.now()).toBe(500);
    expect(bounds.endKind).toBe('deadline');
  });

  it('a farther deadline leaves the total timeout in charge', () => {
    const bounds = new TotalTimeout(3_000, () => 60_000).bounds(Date.now());
    expect(bounds.endKind).toBe('total');
  });

  it('keeps a deadline signal to end the call early, and honours a withDeadline scope', async () => {
    // Prepare
    const controller = new AbortController();
    const total = new TotalTimeout(3_000, controller.signal);
    // Act
    const bounds = await withDeadline(
      () => 200,
      async () => total.bounds(Date.now()),
    );
    // Assert
    expect(bounds.signals).toEqual([controller.signal]);
    expect(bounds.endAt - Date.now()).toBe(200);
    expect(bounds.endKind).toBe('deadline');
  });
});
