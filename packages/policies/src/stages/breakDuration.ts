// How long the circuit stays open. Fixed at `halfOpenAfterMs` by default; with `breaker.breakDuration` each
// failed half-open probe lengthens the next open period (halfOpenAfterMs x exponent^n, capped at maxMs,
// with equal jitter so a fleet's probes spread out), and closing the circuit starts again from
// halfOpenAfterMs: a long outage is probed less and less often instead of every 5 s forever. As cockatiel's
// `halfOpenAfter` backoff and Polly's `BreakDurationGenerator` do.

import { optionError, readOptions } from '@bulwark/errors';
import { readNumber } from '../options/readNumber.js';

/**
 * A growing break duration (off by default).
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * // 5 s, then about 10, 20, 40, 60, 60 s ... while probes keep failing; 5 s again once it closes.
 * const edna = wrapDependency('edna', { breaker: { breakDuration: { maxMs: 60_000 } } });
 * ```
 */
export interface BreakDurationOptions {
  /** The longest open period, in ms (>= halfOpenAfterMs, <= MAX_TIMER_MS). Default 60 000. */
  readonly maxMs?: number;
  /** Growth per failed probe (> 1, <= 10). Default 2. */
  readonly exponent?: number;
  /** `'equal'` (uniform in [d/2, d]) or `'none'`. Default `'equal'`. */
  readonly jitter?: 'equal' | 'none';
}

export interface NormalizedBreakDuration {
  readonly maxMs: number;
  readonly exponent: number;
  readonly jitter: 'equal' | 'none';
}

/** Defaults applied when `breaker.breakDuration` is given. */
export const BREAK_DURATION_DEFAULTS = { maxMs: 60_000, exponent: 2, jitter: 'equal' } as const;

export function normalizeBreakDuration(
  owner: string,
  value: unknown,
  halfOpenAfterMs: number,
): NormalizedBreakDuration | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw optionError(owner, 'breaker.breakDuration', value, 'an object or false');
  }
  const b = readOptions(owner, value, ['maxMs', 'exponent', 'jitter'], 'breaker.breakDuration');
  const maxMs = readNumber(
    owner,
    'breaker.breakDuration.maxMs',
    b.maxMs,
    Math.max(BREAK_DURATION_DEFAULTS.maxMs, halfOpenAfterMs),
    { min: halfOpenAfterMs, duration: true },
  );
  const exponent = readNumber(
    owner,
    'breaker.breakDuration.exponent',
    b.exponent,
    BREAK_DURATION_DEFAULTS.exponent,
    {
      min: 1,
      minExclusive: true,
      max: 10,
    },
  );
  const jitter = b.jitter ?? BREAK_DURATION_DEFAULTS.jitter;
  if (jitter !== 'equal' && jitter !== 'none') {
    throw optionError(owner, 'breaker.breakDuration.jitter', jitter, "'equal' or 'none'");
  }
  return { maxMs, exponent, jitter };
}

/** The open period after `failedProbes` consecutive failed probes (0: the circuit just opened from closed). */
export function breakDurationMs(
  halfOpenAfterMs: number,
  growth: NormalizedBreakDuration | undefined,
  failedProbes: number,
  random: () => number = Math.random,
): number {
  if (growth === undefined || failedProbes === 0) return halfOpenAfterMs;
  const full = Math.min(growth.maxMs, halfOpenAfterMs * growth.exponent ** failedProbes);
  if (growth.jitter === 'none') return Math.round(full);
  // Equal jitter, never below the base: a fleet's probes spread out, none comes sooner than the first.
  return Math.round(Math.max(halfOpenAfterMs, full / 2 + (random() * full) / 2));
}
