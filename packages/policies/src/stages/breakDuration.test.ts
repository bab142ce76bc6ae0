// Growing break duration: options checked; each failed probe doubles the open period up to maxMs (equal
// jitter never below the base); closing resets it; off by default (every open period is halfOpenAfterMs).
import { TransientError } from '@bulwark/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';
import { breakDurationMs, normalizeBreakDuration } from './breakDuration.js';

describe('normalizeBreakDuration', () => {
  it('is off by default; {} takes maxMs 60 s, exponent 2, equal jitter', () => {
    expect(normalizeBreakDuration('o', undefined, 5_000)).toBeUndefined();
    expect(normalizeBreakDuration('o', false, 5_000)).toBeUndefined();
    expect(normalizeBreakDuration('o', {}, 5_000)).toEqual({ maxMs: 60_000, exponent: 2, jitter: 'equal' });
  });

  it.each([
    [1, 'breaker.breakDuration must be an object or false, got 1'],
    [null, 'breaker.breakDuration must be an object or false, got null'],
    [{ max: 1 }, 'did you mean "maxMs"'],
    [{ maxMs: 4_000 }, 'breaker.breakDuration.maxMs must be a finite number of ms >= 5000'],
    [{ maxMs: 2 ** 31 }, '<= 2147483647'],
    [{ exponent: 1 }, 'breaker.breakDuration.exponent must be a finite number > 1 and <= 10, got 1'],
    [{ exponent: Number.POSITIVE_INFINITY }, 'got Infinity'],
    [{ jitter: 'full' }, "breaker.breakDuration.jitter must be 'equal' or 'none'"],
  ])('refuses %o naming the field', (value, message) => {
    expect(() => normalizeBreakDuration("wrapDependency('edna')", value, 5_000)).toThrow(message);
  });
});

describe('breakDurationMs', () => {
  const growth = { maxMs: 60_000, exponent: 2, jitter: 'none' } as const;
  it('grows by the exponent per failed probe up to maxMs', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => breakDurationMs(5_000, growth, n))).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
  });

  it('equal jitter stays within [d/2, d] and never below the base', () => {
    const jittered = { ...growth, jitter: 'equal' } as const;
    expect(breakDurationMs(5_000, jittered, 1, () => 0)).toBe(5_000);
    expect(breakDurationMs(5_000, jittered, 3, () => 0)).toBe(20_000);
    expect(breakDurationMs(5_000, jittered, 3, () => 0.999_999)).toBe(40_000);
  });

  it('the first open period (no failed probe) is the base, with no random draw', () => {
    const random = vi.fn(() => 0.5);
    expect(breakDurationMs(5_000, { ...growth, jitter: 'equal' }, 0, random)).toBe(5_000);
    expect(random).not.toHaveBeenCalled();
  });

  it('is the base without growth configured', () => {
    expect(breakDurationMs(5_000, undefined, 7)).toBe(5_000);
  });
});

describe('a circuit with a growing break duration', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const failing = () => Promise.reject(new TransientError('503', { status: 503 }));

  it('opens for 1, 2, 4, 8, 8 s while probes fail, and for 1 s again after it closed', async () => {
    // Prepare
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 500, totalMs: 1_000 },
      retry: { maxAttempts: 1 },
      breaker: { threshold: 1, halfOpenAfterMs: 1_000, breakDuration: { maxMs: 8_000, jitter: 'none' } },
    });
    const opens: number[] = [];
    dep.onBreak((e) => opens.push(e.retryAfterMs));
    // Act: each probe fails as soon as the circuit lets one through
    await dep.execute(failing).catch(() => undefined);
    for (const wait of [1_000, 2_000, 4_000, 8_000]) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      const refused = await dep.execute(failing).catch((e: unknown) => e);
      expect((refused as Error).message).toContain('circuit open');
      await vi.advanceTimersByTimeAsync(1);
      await dep.execute(failing).catch(() => undefined);
    }
    await vi.advanceTimersByTimeAsync(8_000);
    await dep.execute(async () => 'ok');
    await dep.execute(failing).catch(() => undefined);
    // Assert
    expect(opens).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 1_000]);
  });

  it('without breakDuration every open period is halfOpenAfterMs', async () => {
    const dep = wrapDependency('edna', {
      logger: false,
      timeout: { attemptMs: 500, totalMs: 1_000 },
      retry: { maxAttempts: 1 },
      breaker: { threshold: 1, halfOpenAfterMs: 1_000 },
    });
    const opens: number[] = [];
    dep.onBreak((e) => opens.push(e.retryAfterMs));
    await dep.execute(failing).catch(() => undefined);
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(1_000);
      await dep.execute(failing).catch(() => undefined);
    }
    expect(opens).toEqual([1_000, 1_000, 1_000, 1_000]);
  });
});
