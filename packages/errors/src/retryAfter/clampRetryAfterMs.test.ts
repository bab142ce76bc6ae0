import { describe, expect, it } from 'vitest';
import { clampRetryAfterMs } from './clampRetryAfterMs.js';

describe('clampRetryAfterMs', () => {
  it.each([
    [0, 30_000, 30_000],
    [-5, 30_000, 30_000],
    [Number.NaN, 30_000, 30_000],
    [undefined, 30_000, 30_000],
    [251_606_050_352_000, 30_000, 120_000],
    [1e308, 30_000, 120_000],
    [200, 30_000, 1_000],
    [1_500.2, 30_000, 1_501],
    [0, Number.NaN, 120_000],
    [0, 0, 1_000],
  ])('%s with fallback %s -> %s', (ms, fallback, expected) => {
    expect(clampRetryAfterMs(ms, fallback)).toBe(expected);
  });
});
